// Fields is the data of a class the Wails bindings generate, without its
// methods (`convertValues`): what the service sends over the bridge, and what
// a component or a test can write as a plain object. The api modules alias
// the generated classes through it rather than restating their fields.
export type Fields<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };
