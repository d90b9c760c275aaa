package store

// SetSearchRankHere turns ranking in Go on or off for a test and returns the previous value.
func SetSearchRankHere(on bool) bool {
	old := searchRankHere
	searchRankHere = on
	return old
}

// SetSearchPairIndex turns the pair index for two-character terms on or off for a test (off:
// LIKE) and returns the previous value.
func SetSearchPairIndex(on bool) bool {
	old := searchPairIndex
	searchPairIndex = on
	return old
}
