using Prometheus;

namespace ImeiGuard.Oss.CloudEvents;

/// <summary>CAMARA notification delivery metrics (docs/metrics.md). Labels carry results only, never a subscriber or a sink.</summary>
public sealed class NotificationMetrics
{
    public NotificationMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        var deliveries = factory.CreateCounter(
            "imeiguard_camara_notifications_total",
            "CAMARA notifications by outcome: delivered (2xx), failed (an attempt that will be retried), expired (given up), gone (the sink answered 410).",
            new CounterConfiguration { LabelNames = ["result"], ExemplarBehavior = ExemplarBehavior.NoExemplars() });
        Delivered = deliveries.WithLabels("delivered");
        Failed = deliveries.WithLabels("failed");
        Expired = deliveries.WithLabels("expired");
        Gone = deliveries.WithLabels("gone");
        Pending = factory.CreateGauge("imeiguard_camara_notifications_pending", "CAMARA notifications queued and not yet delivered.");
        ActiveSubscriptions = factory.CreateGauge("imeiguard_camara_subscriptions_active", "CAMARA subscriptions that are active.");
    }

    public Counter.Child Delivered { get; }
    public Counter.Child Failed { get; }
    public Counter.Child Expired { get; }
    public Counter.Child Gone { get; }
    public Gauge Pending { get; }
    public Gauge ActiveSubscriptions { get; }
}
