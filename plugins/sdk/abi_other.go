//go:build !wasip1

package sdk

// hostCall fails outside Hearth: there is no host to answer.
func hostCall(function string, _ []byte) (status uint32, answer []byte) {
	return 1, []byte(`{"code":"` + codeNotInHost + `","message":"` + function + `: ` + ErrNotInHost.Error() + `"}`)
}

// hostLog drops the text outside Hearth.
func hostLog(string) {}
