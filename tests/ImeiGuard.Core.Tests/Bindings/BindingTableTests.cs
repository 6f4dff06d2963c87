using ImeiGuard.Core.Bindings;
using ImeiGuard.Protocols.Identifiers;

namespace ImeiGuard.Core.Tests.Bindings;

public sealed class BindingTableTests
{
    // Past several index doublings and chunk directory growths.
    private const int Many = (BindingTable.ChunkSize * 20) + 7;

    [Fact]
    public void TryFind_AfterManyAdds_FindsEveryKeyAndNoOther()
    {
        var table = new BindingTable();
        for (var i = 0; i < Many; i++)
        {
            table.GetOrAdd(Key(i), Record(i), null, out var added);
            Assert.True(added);
        }

        Assert.Equal(Many, table.Count);
        for (var i = 0; i < Many; i++)
        {
            Assert.True(table.TryFind(Key(i), out var entry));
            Assert.Equal(Key(i), entry.Imsi.Packed);
            Assert.Equal(i, entry.Version);
        }

        Assert.False(table.TryFind(Key(Many), out _));
        Assert.False(table.TryFind(0, out _));
        Assert.Equal(Many, table.Entries().Select(static e => e.Imsi.Packed).Distinct().Count());
    }

    [Fact]
    public void BindingSlot_Is96Bytes() =>
        Assert.Equal(96, System.Runtime.CompilerServices.Unsafe.SizeOf<BindingSlot>());

    [Fact]
    public void GetOrAdd_KeyHeld_KeepsTheSlot()
    {
        var table = new BindingTable();
        table.GetOrAdd(Key(1), Record(1), null, out _);
        var again = table.GetOrAdd(Key(1), Record(99), null, out var added);
        Assert.False(added);
        Assert.Equal(1, again.Version);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Reserve_ThenAdds_KeepsEveryKey()
    {
        var table = new BindingTable();
        table.GetOrAdd(Key(0), Record(0), null, out _);
        table.Reserve(5000);
        for (var i = 1; i < 5000; i++)
        {
            table.GetOrAdd(Key(i), Record(i), null, out _);
        }

        Assert.All(Enumerable.Range(0, 5000), i => Assert.True(table.TryFind(Key(i), out _)));
    }

    [Fact]
    public async Task GetOrAdd_ConcurrentWritersAndReaders_EachKeyOnceAndAlwaysFoundOnceAdded()
    {
        var table = new BindingTable();
        const int Writers = 3, PerWriter = 6000;
        var lost = 0;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            // Writers overlap by half, so the same key is raced for.
            for (var i = 0; i < PerWriter; i++)
            {
                var n = (w * PerWriter / 2) + i;
                var entry = table.GetOrAdd(Key(n), Record(n), null, out _);
                if (entry.Imsi.Packed != Key(n) || !table.TryFind(Key(n), out _))
                {
                    Interlocked.Increment(ref lost);
                }
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        var reader = Task.Run(() =>
        {
            // A key seen once must be seen on every later lookup, through index growth.
            var seen = 0;
            while (!writers.All(static t => t.IsCompleted))
            {
                for (var n = 0; n < seen; n++)
                {
                    if (!table.TryFind(Key(n), out _))
                    {
                        Interlocked.Increment(ref lost);
                    }
                }

                while (table.TryFind(Key(seen), out _))
                {
                    seen++;
                }
            }
        }, TestContext.Current.CancellationToken);
        await Task.WhenAll([.. writers, reader]);

        var distinct = ((Writers + 1) * PerWriter / 2);
        Assert.Equal(0, lost);
        Assert.Equal(distinct, table.Count);
        Assert.Equal(distinct, table.Entries().Select(static e => e.Imsi.Packed).Distinct().Count());
    }

    private static ulong Key(int n) => Imsi.TryParse($"26201{n:D10}", out var imsi) ? imsi.Packed : throw new InvalidOperationException();

    private static BindingRecord Record(int n) => new() { Imsi = Imsi.FromPacked(Key(n)), State = LockState.Armed, Version = n };
}
