// Command daprd is the upstream Dapr sidecar runtime, built from the Go module proxy at the version
// pinned in go.mod with `-tags gomallcomponents`: only the components components.go registers.
// scripts/ensure-daprd.sh builds it once per version into a cache outside the repository.
package main

import "github.com/dapr/dapr/cmd/daprd/app"

func main() {
	app.Run()
}
