namespace ImeiGuard.Daemon.Camara;

/// <summary><c>BindDeviceImeiResponse</c>.</summary>
internal sealed record BindResponse(bool Bound);

/// <summary><c>UnBindDeviceImeiResponse</c>.</summary>
internal sealed record UnbindResponse(bool Unbound);

/// <summary><c>QueryFraudPreventionResponse</c>: one member, for the type queried.</summary>
internal sealed record QueryResponse(AreaLimitView? AreaLimit, ImeiBindView? ImeiBind);

/// <summary><c>ImeiBind</c>: BOUND or UNBOUND, and the bound IMEI when one is known.</summary>
internal sealed record ImeiBindView(string? BindImei, string BindStatus);

/// <summary><c>AreaLimit</c>: RESTRICTED or UNRESTRICTED, and the area when it is a CIRCLE.</summary>
internal sealed record AreaLimitView(CircleView? LimitArea, string AreaLimitStatus);

/// <summary>A CAMARA <c>Circle</c> area.</summary>
internal sealed record CircleView(string AreaType, PointView Center, int Radius);

/// <summary>A CAMARA <c>Point</c>.</summary>
internal sealed record PointView(double Latitude, double Longitude);
