package main

// Upstream links its components by build tag: `stablecomponents` (≈ 100, every cloud SDK with
// them) or `allcomponents`; with neither, cmd/daprd/components panics at start-up. We build with
// `-tags gomallcomponents`, which patches/0003 lets through with none of upstream's, and register
// here, as upstream's own cmd/daprd/components files do, only what Gomall's sidecars load (local
// dapr-components/, the chart, the operator, the cluster): a smaller binary that starts faster
// and holds less memory in each of the mall's sidecars.
import (
	cronBinding "github.com/dapr/components-contrib/bindings/cron"
	smtpBinding "github.com/dapr/components-contrib/bindings/smtp"
	nrKubernetes "github.com/dapr/components-contrib/nameresolution/kubernetes"
	nrMdns "github.com/dapr/components-contrib/nameresolution/mdns"
	redisPubsub "github.com/dapr/components-contrib/pubsub/redis"
	kubernetesSecrets "github.com/dapr/components-contrib/secretstores/kubernetes"
	envSecrets "github.com/dapr/components-contrib/secretstores/local/env"
	redisState "github.com/dapr/components-contrib/state/redis"
	bindingsLoader "github.com/dapr/dapr/pkg/components/bindings"
	nrLoader "github.com/dapr/dapr/pkg/components/nameresolution"
	pubsubLoader "github.com/dapr/dapr/pkg/components/pubsub"
	secretstoresLoader "github.com/dapr/dapr/pkg/components/secretstores"
	stateLoader "github.com/dapr/dapr/pkg/components/state"
)

func init() {
	// state.redis: the carts; pubsub.redis: the events.
	stateLoader.DefaultRegistry.RegisterComponent(redisState.NewRedisStateStore, "redis")
	pubsubLoader.DefaultRegistry.RegisterComponent(redisPubsub.NewRedisStreams, "redis")
	// bindings.cron: the order sweep; bindings.smtp: the notification service's mail.
	bindingsLoader.DefaultRegistry.RegisterInputBinding(cronBinding.NewCron, "cron")
	bindingsLoader.DefaultRegistry.RegisterOutputBinding(smtpBinding.NewSMTP, "smtp")
	// secretstores.local.env resolves the local components' secretKeyRefs; in Kubernetes daprd
	// loads its built-in "kubernetes" store.
	secretstoresLoader.DefaultRegistry.RegisterComponent(envSecrets.NewEnvSecretStore, "local.env")
	secretstoresLoader.DefaultRegistry.RegisterComponent(kubernetesSecrets.NewKubernetesSecretStore, "kubernetes")
	// Name resolution: SQLite locally (several sidecars on one machine, cached: cachedresolver.go),
	// Kubernetes DNS in a cluster, mDNS as daprd's self-hosted default.
	nrLoader.DefaultRegistry.RegisterComponent(newCachedSqliteResolver, "sqlite")
	nrLoader.DefaultRegistry.RegisterComponent(nrKubernetes.NewResolver, "kubernetes")
	nrLoader.DefaultRegistry.RegisterComponent(nrMdns.NewResolver, "mdns")
}
