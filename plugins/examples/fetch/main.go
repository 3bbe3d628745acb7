//go:build wasip1

// Command fetch is an example Hearth plugin that uses net:fetch: its tool
// fetch_title fetches a page and returns its <title>.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/net/html"

	"github.com/hearth-app/hearth/plugins/sdk"
)

func init() {
	sdk.Tool("fetch_title", fetchTitle)
}

func fetchTitle(raw json.RawMessage) (sdk.Result, error) {
	var args struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(raw, &args); err != nil || args.URL == "" {
		return sdk.Result{}, errors.New("fetch_title takes {\"url\": string}")
	}
	resp, err := sdk.Fetch(sdk.FetchRequest{URL: args.URL})
	if err != nil {
		return sdk.Result{}, err
	}
	if resp.Status != 200 {
		return sdk.Result{}, fmt.Errorf("%s answered with status %d", args.URL, resp.Status)
	}
	title, ok := pageTitle(resp.Body)
	if !ok {
		return sdk.Result{}, fmt.Errorf("the page at %s has no title", args.URL)
	}
	sdk.Log("fetched the title of " + args.URL)
	return sdk.Result{Text: title, Structured: map[string]string{"url": args.URL, "title": title}}, nil
}

// pageTitle returns the text of the first <title> element, with runs of
// white space folded.
func pageTitle(page string) (string, bool) {
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", false
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "title" && z.Next() == html.TextToken {
				return strings.Join(strings.Fields(string(z.Text())), " "), true
			}
		}
	}
}

func main() {}
