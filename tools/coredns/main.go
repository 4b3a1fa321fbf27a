// Command coredns is upstream CoreDNS, built from the Go module proxy with only the plugins a
// single-node cluster's DNS needs (the local cluster of tools/cluster): the kubernetes zone,
// health/ready probes, caching, metrics and error logs. Nothing forwards outside the cluster.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/metrics"
	_ "github.com/coredns/coredns/plugin/ready"
)

// The order plugins run in (upstream's plugin.cfg order, restricted to the ones linked above).
var directives = []string{"prometheus", "health", "ready", "errors", "log", "loadbalance", "cache", "kubernetes"}

func init() {
	dnsserver.Directives = directives
}

func main() {
	coremain.Run()
}
