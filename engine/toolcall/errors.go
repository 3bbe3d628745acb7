package toolcall

import "errors"

// Errors callers test for with errors.Is.
var (
	// ErrMalformed: the model wrote a call that does not parse.
	ErrMalformed = errors.New("the model wrote a tool call that does not parse")
	// ErrTruncated: the answer ended, or the size cap was reached, inside
	// a call.
	ErrTruncated = errors.New("the model's tool call was cut off before it ended")
	// ErrUnknownTool: the call names a tool that was not offered.
	ErrUnknownTool = errors.New("the model called a tool it was not offered")
	// ErrInvalidArguments: the arguments do not match the tool's schema.
	ErrInvalidArguments = errors.New("the model's tool arguments do not match the tool's schema")
	// ErrBadSchema: a tool's parameter schema is not a usable JSON Schema.
	ErrBadSchema = errors.New("a tool's parameter schema is not valid JSON Schema")
)
