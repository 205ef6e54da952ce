"use client";
// The JSON API (/api/v1) from the browser, with the page's own cookies: one shape for every answer, so a page can
// show the Chinese refusal (and its field messages) whatever went wrong, a network failure included.

export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export type ApiAnswer<T> = { ok: true; status: number; value: T } | { ok: false; status: number; error: ApiError };

const NETWORK: ApiError = { code: "network", message: "网络错误，请求未完成，请检查网络后重试" };
const UNREADABLE: ApiError = { code: "bad_response", message: "服务器返回了无法识别的内容，请稍后重试" };

function answerOf<T>(status: number, text: string): ApiAnswer<T> {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    return { ok: false, status, error: UNREADABLE };
  }
  if (status >= 200 && status < 300) return { ok: true, status, value: body as T };
  const error = (body as { error?: ApiError }).error;
  return { ok: false, status, error: error && typeof error.message === "string" ? error : UNREADABLE };
}

/** A JSON request; a body is sent as application/json (the API's rule for cookie-authenticated writes). */
export async function apiJson<T>(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown): Promise<ApiAnswer<T>> {
  try {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return answerOf<T>(response.status, await response.text());
  } catch {
    return { ok: false, status: 0, error: NETWORK };
  }
}

/** POSTs a multipart form with XMLHttpRequest, which (unlike fetch) reports the upload's progress (0–1). */
export function apiUpload<T>(url: string, form: FormData, onProgress: (share: number) => void): Promise<ApiAnswer<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => resolve(answerOf<T>(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve({ ok: false, status: 0, error: NETWORK });
    xhr.send(form);
  });
}

/** The refusal as one line: the field messages when there are any (they say more than "输入有误"). */
export function errorText(error: ApiError): string {
  const fields = error.fields ? Object.values(error.fields) : [];
  return fields.length ? [...new Set(fields)].join("；") : error.message;
}
