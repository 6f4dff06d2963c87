namespace ImeiGuard.Fuzz;

/// <summary>An invariant a target checks did not hold. Escaping the target, it is reported to afl-fuzz as a crash.</summary>
internal sealed class FuzzFailure(string message) : Exception(message)
{
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzFailure(message);
        }
    }
}
