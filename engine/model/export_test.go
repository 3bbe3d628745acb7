package model

// ObserveRouting makes the session report, for each position a mixture of
// experts routes in each layer, how close its choice of experts came to
// another (the probability margin between the last expert chosen and the
// first left out), so that a comparison with llama.cpp can tell a routing
// near-tie from an error.
func (s *Session) ObserveRouting(f func(pos int, margin float32)) { s.observeRoute = f }

// TamperQ8Cache makes a session with a Q8_0 cache pass every block it
// stores through f, so that a test can break the cache on purpose.
func (s *Session) TamperQ8Cache(f func(blocks []byte)) { s.kv8.tamper = f }
