package host

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// timeout is the plugin's time per call.
func (p *Plugin) timeout() time.Duration {
	return time.Duration(p.limits.TimeoutMS) * time.Millisecond
}

// stopped turns the failure of a call into one sentence with the sentinel
// callers test. ctx is the caller's context, callCtx the one under the
// plugin's time limit.
func (p *Plugin) stopped(ctx, callCtx context.Context, inst *instance, cause error, tool string) error {
	switch {
	case p.closed.Load() || p.host.isClosed():
		return fail(ErrClosed, cause, fmt.Sprintf("the plugin %s was closed during the call", p.id))
	case inst != nil && inst.memory.hit.Load():
		return fail(ErrMemoryLimit, cause, fmt.Sprintf("the plugin %s ran out of its %d MiB memory limit and was stopped", p.id, p.limits.MemoryMB))
	case ctx.Err() != nil:
		return fail(ctx.Err(), cause, fmt.Sprintf("the call to the plugin %s was cancelled", p.id))
	case errors.Is(callCtx.Err(), context.DeadlineExceeded):
		return fail(ErrTimeout, cause, fmt.Sprintf("the plugin %s did not answer within %s and was stopped", p.id, seconds(p.timeout())))
	case errors.Is(cause, ErrClosed):
		return fail(ErrClosed, cause, fmt.Sprintf("the plugin %s is closed", p.id))
	case errors.Is(cause, errOutputTooLarge):
		return fail(ErrOutputTooLarge, cause, fmt.Sprintf("the plugin %s answered %s with more than %d KiB", p.id, strconv.Quote(tool), p.limits.OutputKB))
	case errors.Is(cause, errWrongVersion):
		return fail(ErrBadModule, cause, fmt.Sprintf("the plugin %s was not built for this version of Hearth", p.id))
	case errors.Is(cause, errBadResponse), errors.Is(cause, errOutsideMemory), errors.Is(cause, errAllocFailed):
		return fail(ErrCrashed, cause, fmt.Sprintf("the plugin %s answered %s with something that is not a valid response", p.id, strconv.Quote(tool)))
	}
	return fail(ErrCrashed, cause, fmt.Sprintf("the plugin %s failed while running %s and was stopped", p.id, strconv.Quote(tool)))
}

// seconds writes a duration the way the sentences do: "10 s", "1.5 s".
func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
}
