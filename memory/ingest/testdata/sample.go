package sample

import "strings"

// Greeting is what Hello says.
const Greeting = "hello"

// Hello greets name, loudly when shout is set.
func Hello(name string, shout bool) string {
	s := Greeting + ", " + name
	if shout {
		s = strings.ToUpper(s)
	}
	return s
}

// Point is a place on a grid.
type Point struct {
	X, Y int
}

// Add returns the sum of two points.
func (p Point) Add(q Point) Point {
	return Point{p.X + q.X, p.Y + q.Y}
}
