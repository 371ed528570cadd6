// The sandboxed preload: exposes window.mirqab = { invoke, subscribe } and nothing else.
// Never ipcRenderer itself, never an IpcRendererEvent (see bridge.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('mirqab', createBridge(ipcRenderer));
