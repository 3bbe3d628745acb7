//go:build unix && !linux

package ollamatest

import (
	"os/exec"
	"syscall"
)

// setGroup puts the server in a process group of its own, so that Kill also
// reaches the runner processes it starts.
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills the server's process group.
func killGroup(cmd *exec.Cmd) {
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
		cmd.Process.Kill()
	}
}
