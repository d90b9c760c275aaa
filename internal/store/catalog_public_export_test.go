package store

// SetSearchRankHere turns ranking in Go on or off for a test and returns the previous value.
func SetSearchRankHere(on bool) bool {
	old := searchRankHere
	searchRankHere = on
	return old
}
