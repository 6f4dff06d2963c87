using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImeiGuard.Daemon.ControlPlane;

/// <summary>Source-generated JSON for every control-plane body (no reflection).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ApiEnvelope<object>))]
[JsonSerializable(typeof(ApiEnvelope<CellDatabaseView>))]
[JsonSerializable(typeof(ApiEnvelope<RequestAccepted>))]
[JsonSerializable(typeof(ApiEnvelope<OperationView>))]
[JsonSerializable(typeof(ApiEnvelope<BindingView>))]
[JsonSerializable(typeof(ApiEnvelope<CommandView>))]
[JsonSerializable(typeof(ApiEnvelope<ImeiGuard.Core.Enforcement.OutboxEvent>))]
[JsonSerializable(typeof(ApiEnvelope<SubscriberView>))]
[JsonSerializable(typeof(LockRequestBody))]
[JsonSerializable(typeof(SubscriberBody))]
[JsonSerializable(typeof(RulesBody))]
[JsonSerializable(typeof(ApiEnvelope<HistoryEventView>))]
[JsonSerializable(typeof(ApiEnvelope<DevicePairingView>))]
[JsonSerializable(typeof(ApiEnvelope<Inventory.ImportResult>))]
[JsonSerializable(typeof(ApiEnvelope<Inventory.RowError>))]
[JsonSerializable(typeof(ApiEnvelope<AuditView>))]
[JsonSerializable(typeof(ApiEnvelope<SimEventView>))]
[JsonSerializable(typeof(AccountLockBody))]
[JsonSerializable(typeof(ApiEnvelope<TenantPolicyView>))]
internal sealed partial class DaemonJsonContext : JsonSerializerContext;
