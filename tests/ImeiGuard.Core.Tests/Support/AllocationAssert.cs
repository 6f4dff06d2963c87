namespace ImeiGuard.Core.Tests.Support;

/// <summary>
/// Asserts that an operation allocates nothing per call. The loop runs once to warm up (tiering and on-stack
/// replacement may allocate once while it is compiled), then is measured; a per-call allocation is at least one
/// object (24 B) per call, while a one-off runtime allocation charged to the thread stays below one byte per call.
/// </summary>
internal static class AllocationAssert
{
    public static void NothingPerCall(int calls, Action<int> call)
    {
        for (var i = 0; i < calls; i++)
        {
            call(i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            call(calls + i);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < calls, $"{allocated} B over {calls} calls: the operation allocates per call");
    }
}
