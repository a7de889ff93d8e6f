import AWSClient
import CCurl
import CNcurses
import Foundation
import QRCode
import Testing

/// One smoke test per C binding: it links, and it does real work.
@Suite("C bindings")
struct BindingsTests {
    @Test func openSSLDigestsMatchPublishedValues() {
        // FIPS 180-2 "abc" examples and RFC 4231 test case 2.
        #expect(
            Digest.hex(Digest.sha256(Array("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha1Hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(
            Digest.hex(Digest.hmacSHA256(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8)))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(
            Digest.hex(Digest.sha256([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test(.timeLimit(.minutes(1))) func libcurlFetchesFromALoopbackServer() throws {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let folder = NSTemporaryDirectory() + "curl-smoke-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "hello from loopback\n".write(toFile: folder + "/hello.txt", atomically: true, encoding: .utf8)
        let portPipe = Pipe()
        server.arguments = [
            "python3", "-u", "-c",
            """
            import http.server, functools, sys
            handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
            httpd = http.server.HTTPServer(("127.0.0.1", 0), handler)
            print(httpd.server_address[1], flush=True)
            httpd.handle_request()
            """, folder,
        ]
        server.standardOutput = portPipe
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        let line = String(decoding: portPipe.fileHandleForReading.availableData, as: UTF8.self)
        let port = try #require(Int(line.trimmingCharacters(in: .whitespacesAndNewlines)))

        final class Sink { var data = Data() }
        let sink = Sink()
        #expect(bs_curl_load() == nil)  // libcurl is loaded on first use, not linked
        let handle = try #require(bs_curl_easy_init())
        defer { bs_curl_easy_cleanup(handle) }
        #expect(bs_easy_setopt_string(handle, CURLOPT_URL, "http://127.0.0.1:\(port)/hello.txt") == CURLE_OK)
        #expect(bs_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, 10_000) == CURLE_OK)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        #expect(bs_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context) == CURLE_OK)
        #expect(
            bs_easy_setopt_callback(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                let sink = Unmanaged<Sink>.fromOpaque(context!).takeUnretainedValue()
                sink.data.append(UnsafeRawPointer(data!).assumingMemoryBound(to: UInt8.self), count: size * count)
                return size * count
            } == CURLE_OK)
        #expect(bs_curl_easy_perform(handle) == CURLE_OK)
        var status = 0
        #expect(bs_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK)
        #expect(status == 200)
        #expect(String(decoding: sink.data, as: UTF8.self) == "hello from loopback\n")
    }

    @Test func ncursesDrawsWideTextIntoAPseudoTerminal() throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: 10, ws_col: 40, ws_xpixel: 0, ws_ypixel: 0)
        #expect(openpty(&master, &slave, nil, nil, &size) == 0)
        defer { close(master) }
        setlocale(LC_ALL, "C.UTF-8")
        let output = fdopen(slave, "w")
        let input = fdopen(dup(slave), "r")
        let screen = try #require(newterm("xterm", output, input))
        #expect(bs_rows() == 10 && bs_cols() == 40)
        let text = Array("héllo ✓ 日本".unicodeScalars.map { wchar_t(bitPattern: $0.value) }) + [0]
        #expect(mvaddwstr(2, 3, text) == OK)
        refresh()
        endwin()
        delscreen(screen)
        fclose(output)
        fclose(input)

        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        let drawn = String(decoding: bytes, as: UTF8.self)
        #expect(drawn.contains("héllo ✓ 日本"), "\(drawn.debugDescription)")
    }
}

/// libqrencode through its Swift wrapper, against the `qrencode` command as the oracle.
@Suite("QR code")
struct QRCodeBindingTests {
    @Test func theMatrixIsTheOneTheQrencodeCommandDraws() throws {
        let text = "https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH"
        let code = try #require(QRCode(text))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["qrencode", "-t", "ASCII", "-l", "L", "-8", "-m", "0", text]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let drawn = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let expected = drawn.split(separator: "\n").map { line in
            stride(from: 0, to: line.count, by: 2).map { Array(line)[$0] == "#" }
        }
        #expect(code.size == expected.count && code.rows == expected)
    }
}
