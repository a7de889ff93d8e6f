import BedrockCore
import CCurl
import FoundationEssentials
import Glibc

/// HTTP over libcurl: one `curl_multi` handle driven by one thread, so any number of requests
/// run at once (a scan of every Region takes as long as its slowest answer), and a cancelled
/// Swift task removes its transfer at once. Certificate verification is never turned off;
/// `AWS_CA_BUNDLE` adds a CA file; libcurl itself honours `HTTPS_PROXY` / `NO_PROXY`.
/// `CURLOPT_VERBOSE` is never set: it would print `Authorization` and session tokens.
/// Nothing happens until the first request: libcurl is loaded (dlopen) and initialised, and the
/// thread started, only then, so commands that make no call never pay for them.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    /// The most an answer may hold: AWS's largest here (a page of inference profiles) is tens
    /// of kilobytes; more is a hostile or broken server, and keeping it would exhaust memory.
    public static let maxBodyBytes = 4 << 20
    public static let maxHeaderBytes = 256 << 10
    private let caBundle: String?
    private let proxyConfigured: Bool
    private let lock = ThreadLock()
    private var pendingAdds: [Transfer] = []
    private var pendingCancels: [ObjectIdentifier] = []
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private var multi: UnsafeMutableRawPointer?
    private var loopStarted = false

    public init(environment: [String: String]) {
        caBundle = environment["AWS_CA_BUNDLE"].flatMap { $0.isEmpty ? nil : $0 }
        proxyConfigured = ["https_proxy", "HTTPS_PROXY", "http_proxy", "all_proxy", "ALL_PROXY"].contains {
            !(environment[$0] ?? "").isEmpty
        }
    }

    /// An empty body still needs a non-null pointer; libcurl reads none of it.
    nonisolated(unsafe) private static let emptyBody = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)

    final class Transfer: @unchecked Sendable {
        let easy: UnsafeMutableRawPointer
        let host: String
        let timeouts: Timeouts
        var headerList: UnsafeMutablePointer<curl_slist>?
        var body: [UInt8] = []
        var headers: [(String, String)] = []
        var headerBytes = 0
        /// Set when an answer went over a cap; the transfer is aborted and says so.
        var overflow: String?
        var continuation: CheckedContinuation<HTTPResponse, Error>?
        let started = Date()

        init(easy: UnsafeMutableRawPointer, host: String, timeouts: Timeouts) {
            self.easy = easy
            self.host = host
            self.timeouts = timeouts
        }

        deinit {
            bs_curl_slist_free_all(headerList)
            bs_curl_easy_cleanup(easy)
        }
    }

    public func send(_ request: HTTPRequest, timeouts: Timeouts) async throws -> HTTPResponse {
        if let failure = bs_curl_load() { throw TransportError.other(detail: String(cString: failure)) }
        let transfer = try makeTransfer(request, timeouts: timeouts)
        let id = ObjectIdentifier(transfer)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                lock.lock()
                transfer.continuation = continuation
                if Task.isCancelled {
                    lock.unlock()
                    continuation.resume(throwing: TransportError.cancelled)
                    transfer.continuation = nil
                    return
                }
                pendingAdds.append(transfer)
                startLoopIfNeeded()
                let multi = self.multi
                lock.unlock()
                bs_curl_multi_wakeup(multi)
            }
        } onCancel: {
            lock.lock()
            pendingCancels.append(id)
            let multi = self.multi
            lock.unlock()
            if let multi { bs_curl_multi_wakeup(multi) }
        }
    }

    private func makeTransfer(_ request: HTTPRequest, timeouts: Timeouts) throws -> Transfer {
        guard let easy = bs_curl_easy_init() else {
            throw TransportError.other(detail: "libcurl could not start a transfer")
        }
        let transfer = Transfer(easy: easy, host: request.host, timeouts: timeouts)
        bs_easy_setopt_string(easy, CURLOPT_URL, request.url)
        bs_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        bs_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, Int(timeouts.connect * 1000))
        bs_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(timeouts.total * 1000))
        // A declared length over the cap is refused before the body comes.
        bs_easy_setopt_long(easy, CURLOPT_MAXFILESIZE, Self.maxBodyBytes)
        bs_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0)
        bs_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https")
        bs_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1)
        bs_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2)
        if let caBundle { bs_easy_setopt_string(easy, CURLOPT_CAINFO, caBundle) }
        switch request.method {
        case "GET": bs_easy_setopt_long(easy, CURLOPT_HTTPGET, 1)
        case "POST": bs_easy_setopt_long(easy, CURLOPT_POST, 1)
        default: bs_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if request.method != "GET" {
            bs_easy_setopt_long(easy, CURLOPT_POSTFIELDSIZE, request.body.count)
            _ = request.body.withUnsafeBufferPointer { buffer in
                // COPYPOSTFIELDS: libcurl keeps its own copy, so the Swift array may go.
                bs_easy_setopt_pointer(
                    easy, CURLOPT_COPYPOSTFIELDS,
                    UnsafeMutableRawPointer(mutating: buffer.baseAddress) ?? Self.emptyBody)
            }
        }
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in request.headers where name.lowercased() != "host".lowercased() || request.port != nil {
            list = bs_curl_slist_append(list, "\(name): \(value)")
        }
        // No "Expect: 100-continue" round trip, no Accept header the signature did not cover.
        list = bs_curl_slist_append(list, "Expect:")
        list = bs_curl_slist_append(list, "Accept:")
        transfer.headerList = list
        bs_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list)

        let context = Unmanaged.passUnretained(transfer).toOpaque()
        bs_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        bs_easy_setopt_callback(easy, CURLOPT_WRITEFUNCTION) { data, size, count, context in
            let length = size * count
            guard let context else { return 0 }  // libcurl always passes WRITEDATA back; 0 aborts the transfer
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            guard transfer.body.count + length <= CurlTransport.maxBodyBytes else {
                transfer.overflow = "body"
                return 0  // aborts the transfer (CURLE_WRITE_ERROR)
            }
            if let data {
                transfer.body.append(
                    contentsOf: UnsafeRawBufferPointer(start: data, count: length).bindMemory(to: UInt8.self))
            }
            return length
        }
        bs_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        bs_easy_setopt_callback(easy, CURLOPT_HEADERFUNCTION) { data, size, count, context in
            let length = size * count
            guard let context else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            transfer.headerBytes += length
            guard transfer.headerBytes <= CurlTransport.maxHeaderBytes else {
                transfer.overflow = "headers"
                return 0
            }
            guard let data else { return length }
            let line = String(
                decoding: UnsafeRawBufferPointer(start: data, count: length).bindMemory(to: UInt8.self), as: UTF8.self
            )
            .trimmingWhitespace()
            if line.hasPrefix("HTTP/") {
                transfer.headers.removeAll()  // a new response (after 100 Continue): start over
            } else if let colon = line.firstIndex(of: ":") {
                transfer.headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces()))
            }
            return length
        }
        return transfer
    }

    /// Called with the lock held.
    private func startLoopIfNeeded() {
        guard !loopStarted else { return }
        loopStarted = true
        multi = bs_curl_multi_init()
        bs_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0)
        detachThread { [self] in runLoop() }
    }

    private func runLoop() {
        guard let multi else { return }
        while true {
            lock.lock()
            let adds = pendingAdds
            let cancels = pendingCancels
            pendingAdds.removeAll()
            pendingCancels.removeAll()
            lock.unlock()

            for transfer in adds {
                active[transfer.easy] = transfer
                bs_curl_multi_add_handle(multi, transfer.easy)
            }
            for id in cancels {
                if let (easy, transfer) = active.first(where: { ObjectIdentifier($0.value) == id }) {
                    bs_curl_multi_remove_handle(multi, easy)
                    active[easy] = nil
                    finish(transfer, with: .failure(TransportError.cancelled))
                }
            }

            var running: Int32 = 0
            bs_curl_multi_perform(multi, &running)
            var left: Int32 = 0
            while let message = bs_curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                    let transfer = active[easy]
                else { continue }
                let code = message.pointee.data.result
                bs_curl_multi_remove_handle(multi, easy)
                active[easy] = nil
                if code == CURLE_OK {
                    var status = 0
                    bs_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
                    finish(
                        transfer,
                        with: .success(
                            HTTPResponse(
                                status: status, headers: transfer.headers, body: transfer.body,
                                elapsed: Date().timeIntervalSince(transfer.started))))
                } else {
                    finish(transfer, with: .failure(error(for: code, transfer: transfer)))
                }
            }
            var ready: Int32 = 0
            bs_curl_multi_poll(multi, nil, 0, active.isEmpty ? 1000 : 100, &ready)
        }
    }

    private func finish(_ transfer: Transfer, with result: Result<HTTPResponse, Error>) {
        lock.lock()
        let continuation = transfer.continuation
        transfer.continuation = nil
        lock.unlock()
        continuation?.resume(with: result)
    }

    private func error(for code: CURLcode, transfer: Transfer) -> TransportError {
        let detail = String(cString: bs_curl_easy_strerror(code))
        let host = transfer.host
        if let part = transfer.overflow {
            return .responseTooLarge(
                host: host, part: part, limit: part == "body" ? Self.maxBodyBytes : Self.maxHeaderBytes)
        }
        switch code {
        case CURLE_FILESIZE_EXCEEDED: return .responseTooLarge(host: host, part: "body", limit: Self.maxBodyBytes)
        // libcurl's own header cap (CURLE_TOO_LARGE since 8.6, "out of memory" before it).
        case CURLE_OUT_OF_MEMORY, CURLcode(rawValue: 100):
            return .responseTooLarge(host: host, part: "headers", limit: Self.maxHeaderBytes)
        case CURLE_COULDNT_RESOLVE_HOST: return .dnsFailure(host: host)
        case CURLE_COULDNT_RESOLVE_PROXY: return .proxyFailure(detail: detail)
        case CURLE_COULDNT_CONNECT:
            if proxyConfigured { return .proxyFailure(detail: detail) }
            var osErrno = 0
            bs_easy_getinfo_long(transfer.easy, CURLINFO_OS_ERRNO, &osErrno)
            return osErrno == Int(ECONNREFUSED)
                ? .connectionRefused(host: host) : .connectFailed(host: host, detail: detail)
        case CURLE_OPERATION_TIMEDOUT: return .timedOut(host: host, seconds: Date().timeIntervalSince(transfer.started))
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS:
            return .tlsFailure(host: host, detail: detail)
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            return .connectionDropped(host: host, detail: detail)
        default:
            if code.rawValue == 97 { return .proxyFailure(detail: detail) }  // CURLE_PROXY (7.73+)
            return .other(detail: detail)
        }
    }
}
