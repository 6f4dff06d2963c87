using ImeiGuard.Core.Bindings;
using ImeiGuard.Core.Subscribers;
using ImeiGuard.Protocols.Identifiers;
using ImeiGuard.Storage.Tests.Contract;

namespace ImeiGuard.Storage.Tests;

/// <summary>What only the embedded database does: a failing write, operation records and the subscriber registry.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imeiguard-sqlite-").FullName;
    private readonly Imsi _imsi = BindingStoreContractTests.ParseImsi("262017745956507");

    [Fact]
    public void Observe_StoreFails_StateIsUnchangedAndNextRecordDecidesAgain()
    {
        using var node = new SqliteStoreContractTests.SqliteNode(Open(), null, null, 0);
        node.Enforcer.Apply(_imsi, LockAction.Enable);
        node.Database.Dispose(); // the writer connection is gone: every write fails

        Assert.True(Imei.TryParse("8644610320772414", out var device));
        Assert.ThrowsAny<Exception>(() => BindingStoreContractTests.Observe(node, device, 1));
        Assert.Equal(LockState.Armed, node.Enforcer.Find(_imsi)!.State);
    }

    [Fact]
    public void Operations_InProgressAreListedUntilCompleted()
    {
        using var db = Open();
        var store = new SqliteOperationStore(db);
        var op = new Core.Operations.LockOperation
        {
            RequestId = "r1",
            IdentifierType = IdentifierType.Msisdn,
            IdentifierValue = "4917509238004",
            Action = LockAction.Enable,
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        store.Create(op);
        Assert.Equal("r1", Assert.Single(store.ListInProgress()).RequestId);

        store.Complete(op with { Status = Core.Operations.OperationStatus.Failed, ErrorCode = "SIMLOCK_1004", CompletedAt = DateTimeOffset.UnixEpoch });

        Assert.Empty(store.ListInProgress());
        Assert.Equal("SIMLOCK_1004", store.Find("r1")!.ErrorCode);
    }

    [Fact]
    public void Directory_RegisteredAliasesSurviveRestartAndResolve()
    {
        using (var db = Open())
        {
            Assert.True(Msisdn.TryParse("+4917509238004"u8, out var msisdn));
            new SubscriberDirectory(new SqliteSubscriberRegistry(db)).Register(_imsi, msisdn, "8949020000012345678");
        }

        using var reopened = Open();
        var directory = new SubscriberDirectory(new SqliteSubscriberRegistry(reopened));
        Assert.True(directory.TryResolve(IdentifierType.Msisdn, "4917509238004", out var byMsisdn));
        Assert.True(directory.TryResolve(IdentifierType.Iccid, "8949020000012345678", out var byIccid));
        Assert.Equal(_imsi, byMsisdn);
        Assert.Equal(_imsi, byIccid);
        Assert.Equal("4917509238004", directory.GetAliases(_imsi).Msisdn);
    }

    [Fact]
    public void Directory_TenantOwnershipSurvivesRestartAndCanBeCleared()
    {
        using (var db = Open())
        {
            var directory = new SubscriberDirectory(new SqliteSubscriberRegistry(db));
            directory.Register(_imsi, default, null, "acme-fleet");
            Assert.Equal("acme-fleet", directory.TenantOf(_imsi));
        }

        using (var db = Open())
        {
            var directory = new SubscriberDirectory(new SqliteSubscriberRegistry(db));
            Assert.Equal("acme-fleet", directory.TenantOf(_imsi));
            Assert.True(Imsi.TryParse("262019999999999", out var other));
            Assert.Null(directory.TenantOf(other));
            directory.Register(_imsi, default, null, tenant: null);
        }

        using var cleared = Open();
        Assert.Null(new SubscriberDirectory(new SqliteSubscriberRegistry(cleared)).TenantOf(_imsi));
    }

    private SqliteDatabase Open() => new(Path.Combine(_dir, "imeiguard.db"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
