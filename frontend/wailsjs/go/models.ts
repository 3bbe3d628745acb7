export namespace app {
	
	export class BuildInfo {
	    version: string;
	    goVersion: string;
	    commit?: string;
	
	    static createFrom(source: any = {}) {
	        return new BuildInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.goVersion = source["goVersion"];
	        this.commit = source["commit"];
	    }
	}
	export class ChatConversation {
	    id: number;
	    title: string;
	    folder: string;
	    tags: string[];
	    model: string;
	    created: string;
	    updated: string;
	
	    static createFrom(source: any = {}) {
	        return new ChatConversation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.folder = source["folder"];
	        this.tags = source["tags"];
	        this.model = source["model"];
	        this.created = source["created"];
	        this.updated = source["updated"];
	    }
	}
	export class ChatHit {
	    conversationId: number;
	    title: string;
	    messageId: number;
	    snippet: string;
	
	    static createFrom(source: any = {}) {
	        return new ChatHit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.conversationId = source["conversationId"];
	        this.title = source["title"];
	        this.messageId = source["messageId"];
	        this.snippet = source["snippet"];
	    }
	}
	export class ChatMessage {
	    id: number;
	    parentId: number;
	    role: string;
	    text: string;
	    model: string;
	    created: string;
	    stopped: boolean;
	    siblings: number[];
	    siblingIndex: number;
	
	    static createFrom(source: any = {}) {
	        return new ChatMessage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.parentId = source["parentId"];
	        this.role = source["role"];
	        this.text = source["text"];
	        this.model = source["model"];
	        this.created = source["created"];
	        this.stopped = source["stopped"];
	        this.siblings = source["siblings"];
	        this.siblingIndex = source["siblingIndex"];
	    }
	}
	export class ChatModel {
	    id: string;
	    name: string;
	    backend: string;
	    size: number;
	    details: string;
	    missing: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ChatModel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.backend = source["backend"];
	        this.size = source["size"];
	        this.details = source["details"];
	        this.missing = source["missing"];
	    }
	}
	export class ChatOptions {
	    model: string;
	    temperature: number;
	    topP: number;
	    maxTokens: number;
	    system: string;
	
	    static createFrom(source: any = {}) {
	        return new ChatOptions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.model = source["model"];
	        this.temperature = source["temperature"];
	        this.topP = source["topP"];
	        this.maxTokens = source["maxTokens"];
	        this.system = source["system"];
	    }
	}
	export class ChatThread {
	    conversationId: number;
	    messages: ChatMessage[];
	    options: ChatOptions;
	
	    static createFrom(source: any = {}) {
	        return new ChatThread(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.conversationId = source["conversationId"];
	        this.messages = this.convertValues(source["messages"], ChatMessage);
	        this.options = this.convertValues(source["options"], ChatOptions);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Ollama {
	    host: string;
	    running: boolean;
	    version?: string;
	    error?: string;
	
	    static createFrom(source: any = {}) {
	        return new Ollama(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.host = source["host"];
	        this.running = source["running"];
	        this.version = source["version"];
	        this.error = source["error"];
	    }
	}
	export class Report {
	    build: BuildInfo;
	    os: string;
	    arch: string;
	    cpu: string;
	    cores: number;
	    cpuFeatures: string[];
	    memoryTotal: number;
	    memoryFree: number;
	    dataDir: string;
	    ollama: Ollama;
	    recommended: string[];
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.build = this.convertValues(source["build"], BuildInfo);
	        this.os = source["os"];
	        this.arch = source["arch"];
	        this.cpu = source["cpu"];
	        this.cores = source["cores"];
	        this.cpuFeatures = source["cpuFeatures"];
	        this.memoryTotal = source["memoryTotal"];
	        this.memoryFree = source["memoryFree"];
	        this.dataDir = source["dataDir"];
	        this.ollama = this.convertValues(source["ollama"], Ollama);
	        this.recommended = source["recommended"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SendResult {
	    requestId: string;
	    conversationId: number;
	    userMessage: ChatMessage;
	
	    static createFrom(source: any = {}) {
	        return new SendResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.requestId = source["requestId"];
	        this.conversationId = source["conversationId"];
	        this.userMessage = this.convertValues(source["userMessage"], ChatMessage);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class VaultStatus {
	    created: boolean;
	    unlocked: boolean;
	    dataDir: string;
	    autoLockMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new VaultStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.created = source["created"];
	        this.unlocked = source["unlocked"];
	        this.dataDir = source["dataDir"];
	        this.autoLockMinutes = source["autoLockMinutes"];
	    }
	}

}

