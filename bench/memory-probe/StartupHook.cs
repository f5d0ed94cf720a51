// A startup hook for the benchmarks: lets a script ask the app under test, from outside, for its memory after a full
// garbage collection, without adding an endpoint to the app or a diagnostics tool to the machine.
// The script writes the file named by PLENARY_MEMORY_PROBE plus ".ask"; the hook collects, then writes ".answer" with
// "<managed heap bytes> <resident set bytes>". Used by bench/queue-fanout.cs to give memory per open subscriber.
using System.Diagnostics;

#pragma warning disable CA1050 // The runtime looks for a StartupHook class outside any namespace.
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("PLENARY_MEMORY_PROBE") is not { Length: > 0 } path)
        {
            return;
        }
        new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(100);
                if (!File.Exists(path + ".ask"))
                {
                    continue;
                }
                File.Delete(path + ".ask");
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                using var self = Process.GetCurrentProcess();
                File.WriteAllText(path + ".tmp", $"{GC.GetTotalMemory(forceFullCollection: false)} {self.WorkingSet64}");
                File.Move(path + ".tmp", path + ".answer", overwrite: true);
            }
        }) { IsBackground = true, Name = "Memory probe" }.Start();
    }
}
