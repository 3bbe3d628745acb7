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

