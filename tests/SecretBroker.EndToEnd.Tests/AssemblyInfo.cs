// These tests start real processes and measure latencies on a 2-core machine: run them one at a time so a
// CPU-heavy test (the kill loop, the AOT publish) cannot distort another's timing.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
