package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hearth-app/hearth/engine"
	"github.com/hearth-app/hearth/memory"
)

// SendResult tells the window which request streams the answer, and the
// user message it answers (stored already).
type SendResult struct {
	RequestID      string      `json:"requestId"`
	ConversationID int64       `json:"conversationId"`
	UserMessage    ChatMessage `json:"userMessage"`
}

// chatDelta, chatDone and chatFailure are the streaming events' payloads.
type chatDelta struct {
	RequestID      string `json:"requestId"`
	ConversationID int64  `json:"conversationId"`
	Text           string `json:"text"`
}

type chatDone struct {
	RequestID      string       `json:"requestId"`
	ConversationID int64        `json:"conversationId"`
	Message        ChatMessage  `json:"message"`
	Stats          engine.Stats `json:"stats"`
}

type chatFailure struct {
	RequestID      string `json:"requestId"`
	ConversationID int64  `json:"conversationId"`
	Message        string `json:"message"`
	Kind           string `json:"kind"`
}

// answerJob is one answer to generate: the thread it answers (ending with
// the user's message) and the settings to use.
type answerJob struct {
	conv    int64
	thread  []memory.Message
	opts    ChatOptions
	memory  []string        // memories relevant to the user's message
	sources []memory.DocHit // passages of the documents found for it, numbered from 1
	request string
}

// Send stores text as a user message under parent (0: the first message)
// of conversation conv (0: a new conversation named after the text) and
// starts the answer, which streams as chat:delta events.
func (s *ChatService) Send(conv, parent int64, text string) (SendResult, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return SendResult{}, errors.New("type a message first")
	}
	var job answerJob
	err := s.vault.Use(func(st *memory.Store) error {
		ctx := context.Background()
		if conv == 0 {
			c, err := st.CreateConversation(ctx, titleFor([]engine.Message{{Role: "user", Content: text}}))
			if err != nil {
				return err
			}
			conv = c.ID
		} else if err := renameIfNew(ctx, st, conv, text); err != nil {
			return err
		}
		m, err := st.AddMessage(ctx, conv, parent, memory.Message{Role: memory.RoleUser, Text: text})
		if err != nil {
			return conversationError(err)
		}
		job, err = prepareAnswer(ctx, st, conv, m.ID)
		return err
	})
	if err != nil {
		return SendResult{}, err
	}
	return s.start(job), nil
}

// renameIfNew names a conversation still called "New chat" after its
// first message.
func renameIfNew(ctx context.Context, st *memory.Store, conv int64, text string) error {
	c, err := st.Conversation(ctx, conv)
	if err != nil {
		return conversationError(err)
	}
	if c.Title != "New chat" {
		return nil
	}
	return st.RenameConversation(ctx, conv, titleFor([]engine.Message{{Role: "user", Content: text}}))
}

// Regenerate answers the same user message again: the new answer is a
// sibling of the old one, which stays reachable.
func (s *ChatService) Regenerate(assistantID int64) (SendResult, error) {
	var job answerJob
	err := s.vault.Use(func(st *memory.Store) error {
		ctx := context.Background()
		m, err := st.Message(ctx, assistantID)
		if err != nil {
			return errors.New("that answer no longer exists")
		}
		if m.Role != memory.RoleAssistant || m.ParentID == 0 {
			return errors.New("only an answer can be regenerated")
		}
		job, err = prepareAnswer(ctx, st, m.ConversationID, m.ParentID)
		return err
	})
	if err != nil {
		return SendResult{}, err
	}
	return s.start(job), nil
}

// Edit stores newText as a sibling of user message userID (a new branch;
// the old one stays reachable) and answers it.
func (s *ChatService) Edit(userID int64, newText string) (SendResult, error) {
	newText = strings.TrimSpace(newText)
	if newText == "" {
		return SendResult{}, errors.New("the edited message is empty")
	}
	var job answerJob
	err := s.vault.Use(func(st *memory.Store) error {
		ctx := context.Background()
		old, err := st.Message(ctx, userID)
		if err != nil {
			return errors.New("that message no longer exists")
		}
		if old.Role != memory.RoleUser {
			return errors.New("only your own messages can be edited")
		}
		m, err := st.AddMessage(ctx, old.ConversationID, old.ParentID, memory.Message{Role: memory.RoleUser, Text: newText})
		if err != nil {
			return err
		}
		job, err = prepareAnswer(ctx, st, old.ConversationID, m.ID)
		return err
	})
	if err != nil {
		return SendResult{}, err
	}
	return s.start(job), nil
}

// prepareAnswer reads what answering user message userID needs: its
// thread, the conversation's settings and the relevant memories.
func prepareAnswer(ctx context.Context, st *memory.Store, conv, userID int64) (answerJob, error) {
	thread, err := st.Thread(ctx, userID)
	if err != nil {
		return answerJob{}, err
	}
	job := answerJob{conv: conv, thread: thread, opts: readChatOptions(ctx, st, conv)}
	if job.opts.Model == "" {
		return answerJob{}, errors.New("no model is chosen: add one in Models, or pick one for this chat")
	}
	if memoryEnabled(ctx, st) {
		mems, err := st.RelevantMemories(ctx, thread[len(thread)-1].Text, 5)
		if err == nil {
			for _, m := range mems {
				job.memory = append(job.memory, m.Text)
			}
		}
	}
	if job.opts.Documents {
		// A library that cannot be searched leaves the answer without sources.
		job.sources, _ = st.SearchLibrary(ctx, thread[len(thread)-1].Text, chatSources)
	}
	return job, nil
}

// start registers a request for job and generates its answer in the
// background.
func (s *ChatService) start(job answerJob) SendResult {
	ctx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	s.nextReq++
	id := "r" + strconv.FormatInt(s.nextReq, 10)
	s.running[id] = cancel
	s.mu.Unlock()
	job.request = id
	go s.answer(ctx, job)
	user := job.thread[len(job.thread)-1]
	return SendResult{RequestID: id, ConversationID: job.conv, UserMessage: ChatMessage{
		ID: user.ID, ParentID: user.ParentID, Role: user.Role, Text: user.Text,
		Siblings: []int64{user.ID},
	}}
}

// Stop ends a streaming answer; what was generated is kept and marked
// stopped. Stopping a finished request does nothing.
func (s *ChatService) Stop(requestID string) {
	s.mu.Lock()
	cancel := s.running[requestID]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// finish forgets a request.
func (s *ChatService) finish(id string) {
	s.mu.Lock()
	cancel := s.running[id]
	delete(s.running, id)
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// errRememberingOff is Remember's error while the Memory view's switch is off.
var errRememberingOff = errors.New("remembering is turned off in Memory")

// Remember keeps text as a memory learnt from message messageID, unless
// memories are turned off.
func (s *ChatService) Remember(messageID int64, text string) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return errors.New("there is nothing to remember")
	}
	ctx := context.Background()
	return s.vault.Use(func(st *memory.Store) error {
		if !memoryEnabled(ctx, st) {
			return errRememberingOff
		}
		m, err := st.Message(ctx, messageID)
		if err != nil {
			return fmt.Errorf("that message no longer exists")
		}
		_, err = st.AddMemory(ctx, text, memory.Source{ConversationID: m.ConversationID, MessageID: m.ID})
		return err
	})
}
