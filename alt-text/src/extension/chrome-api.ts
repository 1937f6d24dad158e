// The few extension APIs this extension uses, typed here rather than pulling in the whole of @types/chrome.

export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface ChromeApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: {
      addListener(
        listener: (
          message: unknown,
          sender: unknown,
          sendResponse: (response: unknown) => void,
        ) => boolean | undefined,
      ): void;
    };
    openOptionsPage(): Promise<void>;
  };
  storage: {
    sync: StorageArea;
    onChanged: {
      addListener(
        listener: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void,
      ): void;
    };
  };
  tabs: {
    query(query: { active: boolean; lastFocusedWindow: boolean }): Promise<{ url?: string; id?: number }[]>;
  };
}

export const chromeApi = (globalThis as unknown as { chrome: ChromeApi }).chrome;
