package ollamatest

import (
	"os/exec"
	"syscall"
)

// setGroup puts the server in a process group of its own, so that Kill also
// reaches the runner processes it starts, and has the kernel kill it if the
// test binary dies first (a timeout, a crash).
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the server's process group.
func killGroup(cmd *exec.Cmd) {
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
		cmd.Process.Kill()
	}
}
