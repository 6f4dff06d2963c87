using ImeiGuard.Core.Enforcement;

namespace ImeiGuard.Oss.Adapters;

/// <summary>Turns a stored command into the body an OSS understands. Chosen by ImeiGuard:Oss:Adapter.</summary>
internal interface IOssAdapter
{
    /// <summary>The configuration name ("webhook", "tmf641").</summary>
    string Name { get; }

    /// <summary>Media type of the body.</summary>
    string ContentType { get; }

    /// <summary>The body for <paramref name="entry"/>; the same bytes on every attempt.</summary>
    byte[] CreateBody(OutboxEntry entry);
}
