/**
 * A typed wrapper of wx.request for the 一网 Yiwang API.
 *
 * - Paths, parameters, bodies and answers are typed from the contract (./schema.d.ts, generated
 *   from openapi.json by openapi-typescript: `npm run types`).
 * - The citizen's access token is added to every request; a 401 is answered by one refresh of
 *   the token pair (POST /api/v1/auth/refresh) and one retry; a second 401, or a refused
 *   refresh, signs the citizen out (`onSignedOut`).
 * - An answer that is application/problem+json is thrown as an ApiError carrying the problem
 *   (its stable `code`, Chinese `title`, `detail`, `request_id`), so callers switch on `code`.
 *
 *   const api = createClient({ baseUrl: "https://hall.example.gov.cn", tokens });
 *   const { slots } = await api.get("/api/v1/halls/{hall_code}/slots", {
 *     path: { hall_code: "CIVIC" },
 *     query: { category: "ID", date: "2026-12-01" },
 *   });
 */

import type { components, paths } from "./schema";

export type Problem = components["schemas"]["Problem"];
type Method = "get" | "post" | "put" | "patch" | "delete";
type JsonOf<Content> = Content extends { "application/json": infer Body } ? Body : never;

/** The operation at a path and method. */
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
/** Paths that have the method. */
export type PathsWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends undefined | never ? never : P;
}[keyof paths];

type ParametersOf<O> = O extends { parameters: infer Parameters } ? Parameters : never;
type PathParameters<O> = ParametersOf<O> extends { path: infer Path } ? Path : never;
type QueryParameters<O> = ParametersOf<O> extends { query?: infer Query } ? Query : never;
type HeaderParameters<O> = ParametersOf<O> extends { header?: infer Header } ? Header : never;
type RequestBody<O> = O extends { requestBody: { content: infer Content } }
  ? JsonOf<Content>
  : never;
type Responses<O> = O extends { responses: infer R } ? R : never;
/** The JSON answer of the operation's success status (200, 201 or 202), or nothing (204). */
export type Answer<O> = Responses<O> extends infer R
  ? R extends { 200: { content: infer C } }
    ? JsonOf<C>
    : R extends { 201: { content: infer C } }
      ? JsonOf<C>
      : R extends { 202: { content: infer C } }
        ? JsonOf<C>
        : undefined
  : never;

type Optional<Key extends string, Value> = [Value] extends [never]
  ? { [K in Key]?: never }
  : undefined extends Value
    ? { [K in Key]?: Value }
    : { [K in Key]: Value };

/** What a call sends: path and query parameters, headers and a body, as the operation declares. */
export type Init<O> = Optional<"path", PathParameters<O>> &
  Optional<"query", QueryParameters<O>> &
  Optional<"body", RequestBody<O>> & { headers?: HeaderParameters<O> & Record<string, string> };

export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

/** Where the citizen's tokens live (wx.setStorageSync in a real mini-program). */
export interface TokenStore {
  access(): string | undefined;
  refresh(): string | undefined;
  save(pair: TokenPair): void;
  clear(): void;
}

export interface ClientOptions {
  baseUrl: string;
  tokens: TokenStore;
  /** Called when the session cannot be refreshed: show the sign-in page. */
  onSignedOut?: () => void;
  timeoutMs?: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(`${problem.code}: ${problem.title}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** The stable error code, e.g. "booking.slot_full". */
  get code(): string {
    return this.problem.code;
  }
}

interface RawAnswer {
  status: number;
  contentType: string;
  data: unknown;
}

const REFRESH_PATH = "/api/v1/auth/refresh";

export function createClient(options: ClientOptions) {
  let refreshing: Promise<boolean> | undefined;

  async function call<O>(method: Method, template: string, init: Init<O>): Promise<Answer<O>> {
    const url = options.baseUrl + fillPath(template, init.path) + queryString(init.query);
    const body: unknown = init.body;
    let answer = await send(method, url, body, init.headers, options.tokens.access());
    if (answer.status === 401 && template !== REFRESH_PATH && (await refreshOnce())) {
      answer = await send(method, url, body, init.headers, options.tokens.access());
    }
    if (answer.status === 401) {
      options.tokens.clear();
      options.onSignedOut?.();
    }
    return unwrap<Answer<O>>(answer);
  }

  /** One refresh at a time: concurrent 401s wait for the same one. */
  function refreshOnce(): Promise<boolean> {
    refreshing ??= refreshTokens().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  async function refreshTokens(): Promise<boolean> {
    const token = options.tokens.refresh();
    if (token === undefined) {
      return false;
    }
    const answer = await send("post", options.baseUrl + REFRESH_PATH, { refresh_token: token });
    if (answer.status !== 200 || !isTokenPair(answer.data)) {
      return false;
    }
    options.tokens.save(answer.data);
    return true;
  }

  function send(
    method: Method,
    url: string,
    body: unknown,
    headers?: Record<string, string>,
    accessToken?: string,
  ): Promise<RawAnswer> {
    const header: Record<string, string> = { ...headers };
    if (body !== undefined) {
      header["Content-Type"] = "application/json";
    }
    if (accessToken !== undefined) {
      header["Authorization"] = `Bearer ${accessToken}`;
    }
    return new Promise((resolve, reject) => {
      wx.request({
        url,
        method: method.toUpperCase() as "GET" | "POST" | "PUT" | "DELETE",
        header,
        timeout: options.timeoutMs ?? 10_000,
        dataType: "json",
        ...(body !== undefined ? { data: body as WechatMiniprogram.IAnyObject } : {}),
        success: (result) =>
          resolve({
            status: result.statusCode,
            contentType: headerValue(result.header, "content-type"),
            data: result.data,
          }),
        fail: (error) => reject(new Error(`wx.request failed: ${error.errMsg}`)),
      });
    });
  }

  return {
    get: <P extends PathsWith<"get">>(path: P, init: Init<Operation<P, "get">> = {} as never) =>
      call<Operation<P, "get">>("get", path, init),
    post: <P extends PathsWith<"post">>(path: P, init: Init<Operation<P, "post">> = {} as never) =>
      call<Operation<P, "post">>("post", path, init),
    put: <P extends PathsWith<"put">>(path: P, init: Init<Operation<P, "put">> = {} as never) =>
      call<Operation<P, "put">>("put", path, init),
    patch: <P extends PathsWith<"patch">>(
      path: P,
      init: Init<Operation<P, "patch">> = {} as never,
    ) => call<Operation<P, "patch">>("patch", path, init),
    delete: <P extends PathsWith<"delete">>(
      path: P,
      init: Init<Operation<P, "delete">> = {} as never,
    ) => call<Operation<P, "delete">>("delete", path, init),
  };
}

function unwrap<T>(answer: RawAnswer): T {
  if (answer.status >= 200 && answer.status < 300) {
    return answer.data as T;
  }
  if (answer.contentType.startsWith("application/problem+json") && isProblem(answer.data)) {
    throw new ApiError(answer.status, answer.data);
  }
  throw new ApiError(answer.status, {
    type: "about:blank",
    title: "服务暂时不可用",
    status: answer.status,
    code: "http.unexpected_answer",
    detail: `HTTP ${answer.status}`,
    request_id: "",
  });
}

function fillPath(template: string, parameters: unknown): string {
  const values = (parameters ?? {}) as Record<string, string | number>;
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`missing path parameter ${name}`);
    }
    return encodeURIComponent(String(value));
  });
}

function queryString(query: unknown): string {
  if (query === undefined || query === null) {
    return "";
  }
  const pairs = Object.entries(query as Record<string, unknown>)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

function headerValue(headers: WechatMiniprogram.IAnyObject, name: string): string {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) {
      return String(value);
    }
  }
  return "";
}

function isProblem(data: unknown): data is Problem {
  return typeof data === "object" && data !== null && "code" in data && "title" in data;
}

function isTokenPair(data: unknown): data is TokenPair {
  return (
    typeof data === "object" &&
    data !== null &&
    typeof (data as Record<string, unknown>)["access_token"] === "string" &&
    typeof (data as Record<string, unknown>)["refresh_token"] === "string"
  );
}
