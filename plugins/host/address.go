package host

import (
	"fmt"
	"net/netip"
	"syscall"
)

// refusedPrefixes are the networks net:fetch never connects to, beside
// what netip.Addr's own predicates catch (loopback, private, link-local,
// unspecified, multicast).
var refusedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT (RFC 6598)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation (RFC 5737)
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking (RFC 2544)
	netip.MustParsePrefix("198.51.100.0/24"), // documentation (RFC 5737)
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation (RFC 5737)
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast included
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64 (RFC 8215)
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4, which embeds any IPv4
	netip.MustParsePrefix("2001::/32"),       // Teredo, which embeds any IPv4
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("fec0::/10"),       // deprecated site-local
}

// publicAddress reports whether a plugin may connect to addr: a global
// unicast address outside every special-purpose range. IPv4-mapped IPv6
// addresses are judged as the IPv4 address they carry.
func publicAddress(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsValid() || addr.Zone() != "" {
		return false
	}
	if addr.IsLoopback() || addr.IsPrivate() || addr.IsUnspecified() ||
		addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast() ||
		addr.IsInterfaceLocalMulticast() || addr.IsMulticast() || !addr.IsGlobalUnicast() {
		return false
	}
	for _, p := range refusedPrefixes {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// dialControl returns the net.Dialer Control function that checks the
// address a socket is about to connect to, after name resolution, so a
// host name that resolves to a private address is refused however it was
// resolved. loopbackPort, when not 0, lets 127.0.0.1:loopbackPort through
// (tests only).
func dialControl(loopbackPort int) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("dial %s: %w", address, errRefusedAddress)
		}
		if loopbackPort != 0 && ap.Addr() == netip.AddrFrom4([4]byte{127, 0, 0, 1}) && int(ap.Port()) == loopbackPort {
			return nil
		}
		if !publicAddress(ap.Addr()) {
			return fmt.Errorf("dial %s: %w", address, errRefusedAddress)
		}
		return nil
	}
}
