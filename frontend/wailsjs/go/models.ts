export namespace app {
	
	export class APIServerStatus {
	    running: boolean;
	    url?: string;
	    token?: string;
	
	    static createFrom(source: any = {}) {
	        return new APIServerStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.running = source["running"];
	        this.url = source["url"];
	        this.token = source["token"];
	    }
	}
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
	export class CatalogModel {
	    name: string;
	    title: string;
	    description: string;
	    kind: string;
	    parameters: string;
	    quantization: string;
	    license: string;
	    size: number;
	    ram: number;
	    contextLength: number;
	    fit: string;
	    recommended: boolean;
	    installed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new CatalogModel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.title = source["title"];
	        this.description = source["description"];
	        this.kind = source["kind"];
	        this.parameters = source["parameters"];
	        this.quantization = source["quantization"];
	        this.license = source["license"];
	        this.size = source["size"];
	        this.ram = source["ram"];
	        this.contextLength = source["contextLength"];
	        this.fit = source["fit"];
	        this.recommended = source["recommended"];
	        this.installed = source["installed"];
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
	export class Citation {
	    n: number;
	    chunkId: number;
	    documentId: number;
	    path: string;
	    location: memory.Location;
	    hash: string;
	    state?: string;
	
	    static createFrom(source: any = {}) {
	        return new Citation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.n = source["n"];
	        this.chunkId = source["chunkId"];
	        this.documentId = source["documentId"];
	        this.path = source["path"];
	        this.location = this.convertValues(source["location"], memory.Location);
	        this.hash = source["hash"];
	        this.state = source["state"];
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
	    sources?: Citation[];
	    toolCalls?: memory.ToolCall[];
	
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
	        this.sources = this.convertValues(source["sources"], Citation);
	        this.toolCalls = this.convertValues(source["toolCalls"], memory.ToolCall);
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
	    documents: boolean;
	
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
	        this.documents = source["documents"];
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
	
	export class GenerationDefaults {
	    temperature: number;
	    topP: number;
	    maxTokens: number;
	    system: string;
	
	    static createFrom(source: any = {}) {
	        return new GenerationDefaults(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.temperature = source["temperature"];
	        this.topP = source["topP"];
	        this.maxTokens = source["maxTokens"];
	        this.system = source["system"];
	    }
	}
	export class Defaults {
	    model: string;
	    generation: GenerationDefaults;
	
	    static createFrom(source: any = {}) {
	        return new Defaults(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.model = source["model"];
	        this.generation = this.convertValues(source["generation"], GenerationDefaults);
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
	export class DocFile {
	    path: string;
	    status: string;
	    reason?: string;
	    chunks: number;
	
	    static createFrom(source: any = {}) {
	        return new DocFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.status = source["status"];
	        this.reason = source["reason"];
	        this.chunks = source["chunks"];
	    }
	}
	export class DocResult {
	    path: string;
	    score: number;
	    snippet: string;
	    location: memory.Location;
	
	    static createFrom(source: any = {}) {
	        return new DocResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.score = source["score"];
	        this.snippet = source["snippet"];
	        this.location = this.convertValues(source["location"], memory.Location);
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
	export class DownloadProgress {
	    id: string;
	    name: string;
	    bytes: number;
	    total: number;
	    bytesPerSec: number;
	    etaSeconds: number;
	
	    static createFrom(source: any = {}) {
	        return new DownloadProgress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.bytes = source["bytes"];
	        this.total = source["total"];
	        this.bytesPerSec = source["bytesPerSec"];
	        this.etaSeconds = source["etaSeconds"];
	    }
	}
	export class EngineEstimate {
	    model: string;
	    trained: number;
	    context: number;
	    kvCache: string;
	    kvBytes: number;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new EngineEstimate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.model = source["model"];
	        this.trained = source["trained"];
	        this.context = source["context"];
	        this.kvCache = source["kvCache"];
	        this.kvBytes = source["kvBytes"];
	        this.note = source["note"];
	    }
	}
	export class EngineSettings {
	    context: number;
	    kvCache: string;
	
	    static createFrom(source: any = {}) {
	        return new EngineSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.context = source["context"];
	        this.kvCache = source["kvCache"];
	    }
	}
	export class fileProblem {
	    path: string;
	    status: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new fileProblem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.status = source["status"];
	        this.reason = source["reason"];
	    }
	}
	export class FolderStatus {
	    path: string;
	    files: number;
	    byStatus: {[key: string]: number};
	    chunks: number;
	    problems: fileProblem[];
	    indexing: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FolderStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.files = source["files"];
	        this.byStatus = source["byStatus"];
	        this.chunks = source["chunks"];
	        this.problems = this.convertValues(source["problems"], fileProblem);
	        this.indexing = source["indexing"];
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
	
	export class InstallSheet {
	    token: string;
	    prompt: manager.Prompt;
	    from: string;
	
	    static createFrom(source: any = {}) {
	        return new InstallSheet(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = source["token"];
	        this.prompt = this.convertValues(source["prompt"], manager.Prompt);
	        this.from = source["from"];
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
	export class InstalledModel {
	    name: string;
	    backend: string;
	    source?: string;
	    path?: string;
	    origin?: string;
	    size: number;
	    architecture?: string;
	    quantization?: string;
	    parameters?: string;
	    contextLength?: number;
	    missing?: boolean;
	    embedding?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new InstalledModel(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.backend = source["backend"];
	        this.source = source["source"];
	        this.path = source["path"];
	        this.origin = source["origin"];
	        this.size = source["size"];
	        this.architecture = source["architecture"];
	        this.quantization = source["quantization"];
	        this.parameters = source["parameters"];
	        this.contextLength = source["contextLength"];
	        this.missing = source["missing"];
	        this.embedding = source["embedding"];
	    }
	}
	export class MCPServer {
	    name: string;
	    target: string;
	    url: boolean;
	    added: string;
	    tools: number;
	    status: string;
	    problem: string;
	    changes: mcp.Change[];
	
	    static createFrom(source: any = {}) {
	        return new MCPServer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.target = source["target"];
	        this.url = source["url"];
	        this.added = source["added"];
	        this.tools = source["tools"];
	        this.status = source["status"];
	        this.problem = source["problem"];
	        this.changes = this.convertValues(source["changes"], mcp.Change);
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
	export class MemorySource {
	    byYou: boolean;
	    conversationId?: number;
	    conversationTitle?: string;
	    messageId?: number;
	    excerpt?: string;
	    gone?: boolean;
	    plugin?: string;
	
	    static createFrom(source: any = {}) {
	        return new MemorySource(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.byYou = source["byYou"];
	        this.conversationId = source["conversationId"];
	        this.conversationTitle = source["conversationTitle"];
	        this.messageId = source["messageId"];
	        this.excerpt = source["excerpt"];
	        this.gone = source["gone"];
	        this.plugin = source["plugin"];
	    }
	}
	export class MemoryItem {
	    id: number;
	    text: string;
	    source: MemorySource;
	    // Go type: time
	    created: any;
	    // Go type: time
	    updated: any;
	
	    static createFrom(source: any = {}) {
	        return new MemoryItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.text = source["text"];
	        this.source = this.convertValues(source["source"], MemorySource);
	        this.created = this.convertValues(source["created"], null);
	        this.updated = this.convertValues(source["updated"], null);
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
	export class OllamaStatus {
	    host: string;
	    custom: boolean;
	    remote: boolean;
	    reachable: boolean;
	    version?: string;
	    models: string[];
	    error?: string;
	
	    static createFrom(source: any = {}) {
	        return new OllamaStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.host = source["host"];
	        this.custom = source["custom"];
	        this.remote = source["remote"];
	        this.reachable = source["reachable"];
	        this.version = source["version"];
	        this.models = source["models"];
	        this.error = source["error"];
	    }
	}
	export class OpenAIServer {
	    connected: boolean;
	    url?: string;
	    host?: string;
	    hasKey: boolean;
	    remote: boolean;
	    plain: boolean;
	    reachable: boolean;
	    models: string[];
	    error?: string;
	
	    static createFrom(source: any = {}) {
	        return new OpenAIServer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.connected = source["connected"];
	        this.url = source["url"];
	        this.host = source["host"];
	        this.hasKey = source["hasKey"];
	        this.remote = source["remote"];
	        this.plain = source["plain"];
	        this.reachable = source["reachable"];
	        this.models = source["models"];
	        this.error = source["error"];
	    }
	}
	export class RegistryPlugin {
	    id: string;
	    name: string;
	    description: string;
	    author: string;
	    latest: string;
	    installed: string;
	
	    static createFrom(source: any = {}) {
	        return new RegistryPlugin(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.author = source["author"];
	        this.latest = source["latest"];
	        this.installed = source["installed"];
	    }
	}
	export class RegistryView {
	    url: string;
	    publicKey: string;
	    serial: number;
	    refreshed: string;
	    expires: string;
	    plugins: RegistryPlugin[];
	
	    static createFrom(source: any = {}) {
	        return new RegistryView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.url = source["url"];
	        this.publicKey = source["publicKey"];
	        this.serial = source["serial"];
	        this.refreshed = source["refreshed"];
	        this.expires = source["expires"];
	        this.plugins = this.convertValues(source["plugins"], RegistryPlugin);
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
	export class Removed {
	    name: string;
	    path: string;
	    fileDeleted: boolean;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Removed(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.path = source["path"];
	        this.fileDeleted = source["fileDeleted"];
	        this.message = source["message"];
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
	export class Restored {
	    kept: string;
	
	    static createFrom(source: any = {}) {
	        return new Restored(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kept = source["kept"];
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
	export class ToolCallEntry {
	    time: string;
	    source: string;
	    tool: string;
	    args: string;
	    resultSize: number;
	    approvedBy: string;
	    conversation: number;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new ToolCallEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.time = source["time"];
	        this.source = source["source"];
	        this.tool = source["tool"];
	        this.args = source["args"];
	        this.resultSize = source["resultSize"];
	        this.approvedBy = source["approvedBy"];
	        this.conversation = source["conversation"];
	        this.error = source["error"];
	    }
	}
	export class ToolInfo {
	    source: string;
	    name: string;
	    description: string;
	    trust: string;
	    risk: string;
	    blocked: boolean;
	    always: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ToolInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.source = source["source"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.trust = source["trust"];
	        this.risk = source["risk"];
	        this.blocked = source["blocked"];
	        this.always = source["always"];
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

export namespace library {
	
	export class Found {
	    app: string;
	    name: string;
	    path: string;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new Found(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.app = source["app"];
	        this.name = source["name"];
	        this.path = source["path"];
	        this.size = source["size"];
	    }
	}

}

export namespace manager {
	
	export class AuditEntry {
	    // Go type: time
	    time: any;
	    plugin: string;
	    function: string;
	    capability?: string;
	    allowed: boolean;
	    detail?: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.time = this.convertValues(source["time"], null);
	        this.plugin = source["plugin"];
	        this.function = source["function"];
	        this.capability = source["capability"];
	        this.allowed = source["allowed"];
	        this.detail = source["detail"];
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
	export class ToolInfo {
	    name: string;
	    description: string;
	    read_only?: boolean;
	    destructive?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ToolInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.read_only = source["read_only"];
	        this.destructive = source["destructive"];
	    }
	}
	export class Plugin {
	    id: string;
	    name: string;
	    version: string;
	    author: string;
	    description: string;
	    license: string;
	    enabled: boolean;
	    signed: boolean;
	    key_id: string;
	    capabilities: manifest.Capability[];
	    tools: ToolInfo[];
	    revoked: string;
	    yanked?: string;
	    origin: string;
	    // Go type: time
	    installed: any;
	    // Go type: time
	    updated: any;
	    sha256: string;
	    size: number;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Plugin(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.version = source["version"];
	        this.author = source["author"];
	        this.description = source["description"];
	        this.license = source["license"];
	        this.enabled = source["enabled"];
	        this.signed = source["signed"];
	        this.key_id = source["key_id"];
	        this.capabilities = this.convertValues(source["capabilities"], manifest.Capability);
	        this.tools = this.convertValues(source["tools"], ToolInfo);
	        this.revoked = source["revoked"];
	        this.yanked = source["yanked"];
	        this.origin = source["origin"];
	        this.installed = this.convertValues(source["installed"], null);
	        this.updated = this.convertValues(source["updated"], null);
	        this.sha256 = source["sha256"];
	        this.size = source["size"];
	        this.label = source["label"];
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
	export class Prompt {
	    id: string;
	    name: string;
	    version: string;
	    author: string;
	    description: string;
	    license: string;
	    capabilities: manifest.Capability[];
	    tools: ToolInfo[];
	    limits: manifest.Limits;
	    key_id?: string;
	    new_key: boolean;
	    unsigned: boolean;
	    update: boolean;
	    from_version?: string;
	    diff?: manifest.Change[];
	    wider: boolean;
	    sha256: string;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new Prompt(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.version = source["version"];
	        this.author = source["author"];
	        this.description = source["description"];
	        this.license = source["license"];
	        this.capabilities = this.convertValues(source["capabilities"], manifest.Capability);
	        this.tools = this.convertValues(source["tools"], ToolInfo);
	        this.limits = this.convertValues(source["limits"], manifest.Limits);
	        this.key_id = source["key_id"];
	        this.new_key = source["new_key"];
	        this.unsigned = source["unsigned"];
	        this.update = source["update"];
	        this.from_version = source["from_version"];
	        this.diff = this.convertValues(source["diff"], manifest.Change);
	        this.wider = source["wider"];
	        this.sha256 = source["sha256"];
	        this.size = source["size"];
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
	export class RefreshReport {
	    serial: number;
	    // Go type: time
	    expires: any;
	    revoked: string[];
	    yanked: string[];
	
	    static createFrom(source: any = {}) {
	        return new RefreshReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.serial = source["serial"];
	        this.expires = this.convertValues(source["expires"], null);
	        this.revoked = source["revoked"];
	        this.yanked = source["yanked"];
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

}

export namespace manifest {
	
	export class Capability {
	    name: string;
	    reason: string;
	    hosts?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Capability(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.reason = source["reason"];
	        this.hosts = source["hosts"];
	    }
	}
	export class Change {
	    kind: string;
	    capability: string;
	    reason?: string;
	    hosts?: string[];
	
	    static createFrom(source: any = {}) {
	        return new Change(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.capability = source["capability"];
	        this.reason = source["reason"];
	        this.hosts = source["hosts"];
	    }
	}
	export class Limits {
	    memory_mb?: number;
	    timeout_ms?: number;
	    output_kb?: number;
	
	    static createFrom(source: any = {}) {
	        return new Limits(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.memory_mb = source["memory_mb"];
	        this.timeout_ms = source["timeout_ms"];
	        this.output_kb = source["output_kb"];
	    }
	}

}

export namespace mcp {
	
	export class Change {
	    tool: string;
	    kind: string;
	    diff: string;
	
	    static createFrom(source: any = {}) {
	        return new Change(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tool = source["tool"];
	        this.kind = source["kind"];
	        this.diff = source["diff"];
	    }
	}

}

export namespace memory {
	
	export class Location {
	    page?: number;
	    heading?: string;
	    start: number;
	    end: number;
	
	    static createFrom(source: any = {}) {
	        return new Location(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.page = source["page"];
	        this.heading = source["heading"];
	        this.start = source["start"];
	        this.end = source["end"];
	    }
	}
	export class ToolCall {
	    name: string;
	    arguments: string;
	    result?: string;
	    source?: string;
	    structured?: string;
	    error?: string;
	    millis?: number;
	
	    static createFrom(source: any = {}) {
	        return new ToolCall(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.arguments = source["arguments"];
	        this.result = source["result"];
	        this.source = source["source"];
	        this.structured = source["structured"];
	        this.error = source["error"];
	        this.millis = source["millis"];
	    }
	}

}

