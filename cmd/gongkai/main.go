// Command gongkai runs the government information disclosure system.
package main

import (
	"os"

	"gongkai/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
