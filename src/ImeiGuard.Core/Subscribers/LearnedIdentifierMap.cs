using System.Collections.Concurrent;

namespace ImeiGuard.Core.Subscribers;

/// <summary>
/// A key → value map learned from traffic, holding at most <see cref="Capacity"/> entries. It keeps two
/// generations: writes go to the current one; when that holds half the capacity it becomes the previous one and
/// the old previous is dropped whole. A lookup found only in the previous generation is copied forward, so
/// pairings still in use survive and the ones not seen for a generation are evicted: an approximate LRU at O(1)
/// per operation, with no per-entry timestamps.
/// </summary>
internal sealed class LearnedIdentifierMap
{
    private readonly Lock _rotation = new();
    private readonly int _generationSize;
    private readonly Action<int>? _onEvicted;
    private volatile ConcurrentDictionary<ulong, ulong> _current = new();
    private volatile ConcurrentDictionary<ulong, ulong> _previous = new();

    /// <param name="capacity">Most entries over both generations (at least 2).</param>
    /// <param name="onEvicted">Told how many entries a rotation dropped.</param>
    public LearnedIdentifierMap(int capacity, Action<int>? onEvicted = null)
    {
        Capacity = Math.Max(2, capacity);
        _generationSize = Capacity / 2;
        _onEvicted = onEvicted;
    }

    public int Capacity { get; }

    public int Count => _current.Count + _previous.Count;

    public void Set(ulong key, ulong value)
    {
        var current = _current;
        if (current.TryGetValue(key, out var known) && known == value)
        {
            return;
        }

        current[key] = value;
        if (current.Count >= _generationSize)
        {
            Rotate(current);
        }
    }

    public bool TryGet(ulong key, out ulong value)
    {
        if (_current.TryGetValue(key, out value))
        {
            return true;
        }

        if (!_previous.TryGetValue(key, out value))
        {
            return false;
        }

        Set(key, value);
        return true;
    }

    private void Rotate(ConcurrentDictionary<ulong, ulong> full)
    {
        int dropped;
        lock (_rotation)
        {
            if (!ReferenceEquals(_current, full))
            {
                return; // another writer rotated first
            }

            dropped = _previous.Count;
            _previous = full;
            _current = new ConcurrentDictionary<ulong, ulong>();
        }

        if (dropped > 0)
        {
            _onEvicted?.Invoke(dropped);
        }
    }
}
