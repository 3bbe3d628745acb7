package model

// ObserveRouting makes the session report, for each position a mixture of
// experts routes in each layer, how close its choice of experts came to
// another (the probability margin between the last expert chosen and the
// first left out), so that a comparison with llama.cpp can tell a routing
// near-tie from an error.
func (s *Session) ObserveRouting(f func(pos int, margin float32)) { s.observeRoute = f }
