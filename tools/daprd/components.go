package main

// Upstream's cmd/daprd/app imports cmd/daprd/components, whose files register components behind
// build tags and which panics at start-up when neither `stablecomponents` nor `allcomponents` is
// set, so no smaller set than `stablecomponents` can be linked. `allcomponents` would add ~90 more
// (every cloud SDK) for nothing Gomall uses. What stable lacks and Gomall needs is registered here:
// the SQLite name resolver, which lets several local sidecars on one machine find each other
// without multicast DNS.
import (
	nrSqlite "github.com/dapr/components-contrib/nameresolution/sqlite"
	nrLoader "github.com/dapr/dapr/pkg/components/nameresolution"
)

func init() {
	nrLoader.DefaultRegistry.RegisterComponent(nrSqlite.NewResolver, "sqlite")
}
