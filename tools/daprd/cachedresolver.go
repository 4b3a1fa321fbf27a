package main

import (
	"context"

	"github.com/dapr/components-contrib/nameresolution"
	nrSqlite "github.com/dapr/components-contrib/nameresolution/sqlite"
	"github.com/dapr/kit/logger"
)

// daprd caches name resolutions (20 s, pkg/messaging/direct_messaging.go) only for resolvers that
// implement nameresolution.ResolverMulti; the SQLite resolver does not, so without this wrapper
// every service invocation runs a SQLite query.
// The local mall runs one sidecar per app id, so the one address ResolveID picks is the whole
// list. A cached address is dropped by daprd when a call to it fails with gRPC Unavailable (the
// callee's sidecar is gone); patches/0002 makes the built-in retry of that same call resolve
// again, so a sidecar restarted on a new port is found by the call that found the old one gone.
type cachedSqliteResolver struct {
	nameresolution.Resolver
}

func newCachedSqliteResolver(log logger.Logger) nameresolution.Resolver {
	return cachedSqliteResolver{Resolver: nrSqlite.NewResolver(log)}
}

// ResolveIDMulti makes daprd cache what the SQLite resolver answers.
func (r cachedSqliteResolver) ResolveIDMulti(ctx context.Context, req nameresolution.ResolveRequest) (nameresolution.AddressList, error) {
	address, err := r.ResolveID(ctx, req)
	if err != nil {
		return nil, err
	}
	return nameresolution.AddressList{address}, nil
}
