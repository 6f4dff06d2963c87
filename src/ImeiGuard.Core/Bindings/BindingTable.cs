namespace ImeiGuard.Core.Bindings;

/// <summary>
/// The enforcer's table of bindings by packed IMSI, built for 10 million SIMs at about 158 bytes each instead of the
/// 370 a <c>ConcurrentDictionary</c> of per-SIM objects cost (docs/performance.md, "Memory per SIM").
/// </summary>
/// <remarks>
/// <para>Storage: <see cref="BindingSlot"/> structs in fixed chunks of <see cref="ChunkSize"/>, appended in insertion
/// order and never moved or removed (a binding, once known, stays: DISABLE is a state). A slot's address is therefore
/// stable, and a <see cref="BindingEntry"/> handle to it stays valid for the table's life without any lock.</para>
/// <para>Index: open addressing with linear probing over a <c>ulong[]</c> of <c>(hash tag &lt;&lt; 32) | (slot + 1)</c>,
/// 0 = empty, at most 3/4 full. A probe compares the 32-bit tag and only on a tag match reads the slot's key, so a
/// miss (a SIM without binding) touches the index alone. Growth builds a new index from the slots and publishes it;
/// readers on the old one still find every key it had.</para>
/// <para>Concurrency: lookups take no lock. Inserts and growth are serialised by one write lock and publish with
/// release writes (slot, then chunk directory, then index entry, then count), which lookups read with acquire reads.
/// A slot's contents other than its key are guarded by one of <see cref="StripeCount"/> striped locks chosen by the
/// key's hash, so decisions for one SIM still run one at a time. The write lock is never taken while waiting on a
/// stripe and a stripe is never needed to insert, so the two cannot deadlock each other.</para>
/// </remarks>
internal sealed class BindingTable
{
    /// <summary>512 slots of 144 bytes: 72 KiB, under the large-object threshold, so a small table stays small.</summary>
    public const int ChunkShift = 9;
    public const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    /// <summary>
    /// Enough that workers deciding different SIMs rarely share one, and that a transition holding its stripe across
    /// a store write delays few other SIMs; 1024 locks are about 48 KB.
    /// </summary>
    public const int StripeCount = 1024;

    private const int MinIndexLength = 16;

    private readonly Lock[] _stripes = new Lock[StripeCount];
    private readonly Lock _writeLock = new();
    private BindingSlot[]?[] _chunks = new BindingSlot[]?[4];
    private ulong[] _index = new ulong[MinIndexLength];
    private int _count;

    public BindingTable()
    {
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Lock();
        }
    }

    /// <summary>Number of SIMs held.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Finds a SIM's slot without taking any lock. Key 0 (no IMSI) is never held.</summary>
    public bool TryFind(ulong key, out BindingEntry entry)
    {
        var hash = Mix(key);
        var index = Volatile.Read(ref _index);
        var position = FindPosition(index, key, hash);
        if (position < 0)
        {
            entry = default;
            return false;
        }

        entry = EntryAt((int)(uint)index[position] - 1, hash);
        return true;
    }

    /// <summary>
    /// The SIM's slot; when the table does not hold it yet, a new one filled from <paramref name="record"/> (null: an
    /// empty binding) before any reader can see it.
    /// </summary>
    /// <param name="key">The packed IMSI, not 0.</param>
    /// <param name="record">The binding of a new slot.</param>
    /// <param name="tenantPolicy">The tenant policy override of a new slot.</param>
    /// <param name="added">True when the slot was made by this call.</param>
    public BindingEntry GetOrAdd(ulong key, BindingRecord? record, PolicyOverride? tenantPolicy, out bool added)
    {
        ArgumentOutOfRangeException.ThrowIfZero(key);
        var hash = Mix(key);
        lock (_writeLock)
        {
            var position = FindPosition(_index, key, hash);
            if (position >= 0)
            {
                added = false;
                return EntryAt((int)(uint)_index[position] - 1, hash);
            }

            var slotNumber = _count;
            ref var slot = ref SlotForAppend(slotNumber);
            BindingEntry.Initialise(ref slot, key, record, tenantPolicy);
            if ((long)(slotNumber + 1) * 4 > (long)_index.Length * 3)
            {
                Volatile.Write(ref _index, Rebuild(_index.Length * 2, slotNumber));
            }

            Place(_index, hash, slotNumber);
            Volatile.Write(ref _count, slotNumber + 1);
            added = true;
            return EntryAt(slotNumber, hash);
        }
    }

    /// <summary>Sizes the index for <paramref name="count"/> SIMs at once (start-up load), instead of doubling up to it.</summary>
    public void Reserve(int count)
    {
        lock (_writeLock)
        {
            var length = _index.Length;
            while ((long)count * 4 > (long)length * 3)
            {
                length *= 2;
            }

            if (length != _index.Length)
            {
                Volatile.Write(ref _index, Rebuild(length, _count));
            }
        }
    }

    /// <summary>Every SIM held when the call starts, in insertion order. Slots added meanwhile may be left out.</summary>
    public IEnumerable<BindingEntry> Entries()
    {
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            var chunks = Volatile.Read(ref _chunks);
            yield return EntryAt(i, Mix(chunks[i >> ChunkShift]![i & ChunkMask].Key));
        }
    }

    private BindingEntry EntryAt(int slotNumber, ulong hash) =>
        new(Volatile.Read(ref _chunks)[slotNumber >> ChunkShift]!, slotNumber & ChunkMask, _stripes[(int)(hash >> 32) & (StripeCount - 1)]);

    /// <summary>The index position holding <paramref name="key"/>, or -1.</summary>
    private int FindPosition(ulong[] index, ulong key, ulong hash)
    {
        var mask = index.Length - 1;
        var tag = hash >> 32;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            var cell = Volatile.Read(ref index[i]);
            if (cell == 0)
            {
                return -1;
            }

            if (cell >> 32 == tag)
            {
                var slotNumber = (int)(uint)cell - 1;
                if (Volatile.Read(ref _chunks)[slotNumber >> ChunkShift]![slotNumber & ChunkMask].Key == key)
                {
                    return i;
                }
            }
        }
    }

    /// <summary>Under the write lock: the slot numbered <paramref name="slotNumber"/>, adding a chunk (and growing the directory) when needed.</summary>
    private ref BindingSlot SlotForAppend(int slotNumber)
    {
        var chunkNumber = slotNumber >> ChunkShift;
        var chunks = _chunks;
        if (chunkNumber == chunks.Length)
        {
            Array.Resize(ref chunks, chunks.Length * 2);
            Volatile.Write(ref _chunks, chunks);
        }

        var chunk = chunks[chunkNumber];
        if (chunk is null)
        {
            chunk = new BindingSlot[ChunkSize];
            Volatile.Write(ref chunks[chunkNumber], chunk);
        }

        return ref chunk[slotNumber & ChunkMask];
    }

    /// <summary>Under the write lock: a new index of <paramref name="length"/> cells holding slots 0..count-1.</summary>
    private ulong[] Rebuild(int length, int count)
    {
        var index = new ulong[length];
        for (var i = 0; i < count; i++)
        {
            Place(index, Mix(_chunks[i >> ChunkShift]![i & ChunkMask].Key), i);
        }

        return index;
    }

    private static void Place(ulong[] index, ulong hash, int slotNumber)
    {
        var mask = index.Length - 1;
        var i = (int)hash & mask;
        while (index[i] != 0)
        {
            i = (i + 1) & mask;
        }

        Volatile.Write(ref index[i], ((hash >> 32) << 32) | (uint)(slotNumber + 1));
    }

    /// <summary>
    /// MurmurHash3's 64-bit finaliser. Packed IMSIs of one operator differ only in their low digits, so the key must be
    /// mixed before its low bits pick an index position and its high bits the tag and the stripe.
    /// </summary>
    private static ulong Mix(ulong key)
    {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdUL;
        key ^= key >> 33;
        key *= 0xc4ceb9fe1a85ec53UL;
        key ^= key >> 33;
        return key;
    }
}
