package main

// Upstream's cmd/daprd/app imports cmd/daprd/components, whose files register components behind
// build tags and which panics at start-up when neither `stablecomponents` nor `allcomponents` is
// set, so no smaller set than `stablecomponents` can be linked. `allcomponents` would add ~90 more
// (every cloud SDK) for nothing Gomall uses. What stable lacks and Gomall needs is registered here,
// as upstream's own cmd/daprd/components files do it:
//   - the SQLite name resolver, which lets several local sidecars on one machine find each other
//     without multicast DNS, wrapped so that daprd caches its answers (cachedresolver.go);
//   - the SMTP output binding (alpha upstream), through which the notification service mails.
import (
	smtpBinding "github.com/dapr/components-contrib/bindings/smtp"
	bindingsLoader "github.com/dapr/dapr/pkg/components/bindings"
	nrLoader "github.com/dapr/dapr/pkg/components/nameresolution"
)

func init() {
	nrLoader.DefaultRegistry.RegisterComponent(newCachedSqliteResolver, "sqlite")
	bindingsLoader.DefaultRegistry.RegisterOutputBinding(smtpBinding.NewSMTP, "smtp")
}
