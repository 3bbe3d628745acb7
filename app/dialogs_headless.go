//go:build !desktop && !bindings

package app

func newWindowDialogs(*windowEvents) dialogs { return noDialogs{} }
