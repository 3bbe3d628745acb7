//go:build desktop && linux && cgo

package app

/*
#cgo linux pkg-config: gtk+-3.0
#cgo !webkit2_41 pkg-config: webkit2gtk-4.0
#cgo webkit2_41 pkg-config: webkit2gtk-4.1

#include <stdlib.h>
#include <string.h>
#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

extern int hearthNavigationAllowed(char *start, char *uri);

static const char *hearthStartKey = "hearth-start-uri";

// hearthDecide refuses every navigation and new window that leaves the
// origin the web view started on.
static gboolean hearthDecide(WebKitWebView *wv, WebKitPolicyDecision *d, WebKitPolicyDecisionType type, gpointer data) {
	if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE) return FALSE;
	WebKitNavigationAction *a = webkit_navigation_policy_decision_get_navigation_action(WEBKIT_NAVIGATION_POLICY_DECISION(d));
	const char *uri = webkit_uri_request_get_uri(webkit_navigation_action_get_request(a));
	char *start = g_object_get_data(G_OBJECT(wv), hearthStartKey);
	if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && start != NULL && uri != NULL &&
		hearthNavigationAllowed(start, (char *)uri)) {
		return FALSE;
	}
	webkit_policy_decision_ignore(d);
	return TRUE;
}

static void hearthGuardWidget(GtkWidget *w, gpointer data) {
	if (WEBKIT_IS_WEB_VIEW(w)) {
		if (g_object_get_data(G_OBJECT(w), hearthStartKey) != NULL) return;
		const char *uri = webkit_web_view_get_uri(WEBKIT_WEB_VIEW(w));
		if (uri == NULL) return;
		g_object_set_data_full(G_OBJECT(w), hearthStartKey, g_strdup(uri), g_free);
		g_signal_connect(G_OBJECT(w), "decide-policy", G_CALLBACK(hearthDecide), NULL);
		return;
	}
	if (GTK_IS_CONTAINER(w)) gtk_container_forall(GTK_CONTAINER(w), hearthGuardWidget, NULL);
}

static gboolean hearthGuardAll(gpointer data) {
	GList *tops = gtk_window_list_toplevels();
	for (GList *l = tops; l != NULL; l = l->next) hearthGuardWidget(GTK_WIDGET(l->data), NULL);
	g_list_free(tops);
	return G_SOURCE_REMOVE;
}

static void hearthGuardNavigation(void) { g_idle_add(hearthGuardAll, NULL); }
*/
import "C"

// guardNavigation makes the window's web view refuse, from now on, every
// navigation away from the origin it shows now (the app's). It runs on
// GTK's main loop; call it once the page has loaded.
func guardNavigation() { C.hearthGuardNavigation() }

//export hearthNavigationAllowed
func hearthNavigationAllowed(start, uri *C.char) C.int {
	if navigationAllowed(C.GoString(start), C.GoString(uri)) {
		return 1
	}
	return 0
}
