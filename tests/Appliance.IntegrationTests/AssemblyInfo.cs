// The scenarios start real processes (appliance, dnsmasq, sinks) and some wait on
// retry timers; on a 2-core machine running them one at a time keeps those timers honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
