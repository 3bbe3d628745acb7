// Passphrase strength, estimated with zxcvbn (common passwords, words,
// keyboard patterns, dates), with Hearth's own wording.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";

export interface Strength {
  /** score from 0 (guessed at once) to 4 (very hard to guess). */
  score: number;
  label: string;
  /** feedback is a sentence or two on how to do better; empty when strong. */
  feedback: string;
  /** ok is false when the passphrase is too weak to protect the store. */
  ok: boolean;
}

/** minScore is the weakest score Hearth accepts. */
export const minScore = 2;

const labels = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];

const warnings = {
  straightRow: "A row of keys is easy to guess.",
  keyPattern: "A short keyboard pattern is easy to guess.",
  simpleRepeat: "Repeated characters like \"aaa\" are easy to guess.",
  extendedRepeat: "Repeated groups like \"abcabc\" are easy to guess.",
  sequences: "Sequences like \"abc\" or \"123\" are easy to guess.",
  recentYears: "Recent years are easy to guess.",
  dates: "Dates are easy to guess.",
  topTen: "This is one of the most used passwords.",
  topHundred: "This is a very commonly used password.",
  common: "This is a commonly used password.",
  similarToCommon: "This is close to a commonly used password.",
  wordByItself: "A single word is easy to guess.",
  namesByThemselves: "Names on their own are easy to guess.",
  commonNames: "Common names are easy to guess.",
  userInputs: "Avoid personal details.",
  pwned: "This password has appeared in a data breach.",
};

const suggestions = {
  l33t: "Swapping letters for look-alike symbols does not help much.",
  reverseWords: "Spelling a word backwards does not help much.",
  allUppercase: "Capitalize some letters, not all.",
  capitalization: "Capitalize more than the first letter.",
  dates: "Avoid dates that mean something to you.",
  recentYears: "Avoid recent years.",
  associatedYears: "Avoid years connected to you.",
  sequences: "Avoid common character sequences.",
  repeated: "Avoid repeated words and characters.",
  longerKeyboardPattern: "Use longer keyboard patterns and change direction.",
  anotherWord: "Add more words that are less common.",
  useWords: "Use several unrelated words.",
  noNeed: "",
  pwned: "Choose a passphrase you have not used elsewhere.",
};

// Hearth does not show crack-time estimates, but zxcvbn wants the words.
const timeEstimation = {
  ltSecond: "less than a second",
  second: "{base} second",
  seconds: "{base} seconds",
  minute: "{base} minute",
  minutes: "{base} minutes",
  hour: "{base} hour",
  hours: "{base} hours",
  day: "{base} day",
  days: "{base} days",
  month: "{base} month",
  months: "{base} months",
  year: "{base} year",
  years: "{base} years",
  centuries: "centuries",
};

let factory: ZxcvbnFactory | null = null;

function checker(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary },
    graphs: common.adjacencyGraphs,
    translations: { warnings, suggestions, timeEstimation },
  });
  return factory;
}

/** strength rates a passphrase. */
export function strength(pass: string): Strength {
  if (pass === "") return { score: 0, label: "", feedback: "", ok: false };
  const r = checker().check(pass);
  const parts = [r.feedback.warning ?? "", ...(r.feedback.suggestions ?? [])].filter((s) => s);
  let feedback = parts.join(" ");
  if (r.score < minScore && feedback === "") feedback = "Add more words or characters.";
  return { score: r.score, label: labels[r.score], feedback, ok: r.score >= minScore };
}
