// Unlike SecretBroker.EndToEnd.Tests, the classes here run side by side: each is mostly waiting (a 5 min SDK file cache,
// 10 s throttle and outage windows) with its own local cloud and sidecar, and every bound they assert tolerates a busy
// machine (fewer requests and later recovery only make them easier to meet, never a wrong pass).
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, DisableTestParallelization = false)]
