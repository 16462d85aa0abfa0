#!/usr/bin/env python3
"""The DevStack simulator's service endpoints on a Docker target (what EndpointServers and ServicePorts are
in the embedded sandbox): on HOST_IP, Apache's paths on port 80 answer their version documents while the
service is active (/run/sim/services/NAME, kept by the systemctl stand-in), else 503 as Apache's proxy
does; AMQP's Connection.Start on 5672 while rabbitmq-server is active; plain listeners for etcd, OVN, the
metadata and noVNC proxies. MySQL is the real MariaDB."""
import json, os, socket, socketserver, struct, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVICES = "/run/sim/services"
PATHS = {"/identity": ["keystone"], "/image": ["g-api"], "/compute": ["n-api"], "/volume": ["c-api"],
         "/networking": ["neutron-api", "q-svc"], "/placement": ["placement-api"], "/dashboard": []}


def active(names):
    return any(os.path.exists(os.path.join(SERVICES, n)) for n in names)


class Apache(BaseHTTPRequestHandler):
    server_version = "Apache/2.4.57 (Debian)"
    sys_version = ""

    def log_message(self, *args):
        pass

    def reply(self, status, kind, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        prefix = next((p for p in PATHS if path == p or path.startswith(p + "/")), None)
        if prefix is None:
            return self.reply(404, "text/html", "<html><body><h1>Not Found</h1></body></html>")
        if prefix == "/dashboard":
            return self.reply(200, "text/html", "<html><title>Login - OpenStack Dashboard</title></html>")
        if not active(PATHS[prefix]):
            return self.reply(503, "text/html", "<html><head><title>503 Service Unavailable</title></head><body>"
                              "<h1>Service Unavailable</h1><p>The server is temporarily unable to service your "
                              "request due to maintenance downtime or capacity problems.</p></body></html>")
        base = "http://" + (self.headers.get("Host") or "") + prefix
        rest = path[len(prefix):]
        if prefix == "/identity":
            if rest.startswith("/v3"):
                doc = {"version": {"id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
                                   "links": [{"rel": "self", "href": base + "/v3/"}],
                                   "media-types": [{"base": "application/json",
                                                    "type": "application/vnd.openstack.identity-v3+json"}]}}
                return self.reply(200, "application/json", json.dumps(doc))
            return self.reply(300, "application/json", json.dumps(
                {"versions": {"values": [{"id": "v3.14", "status": "stable",
                                          "links": [{"rel": "self", "href": base + "/v3/"}]}]}}))
        return self.reply(200, "application/json", json.dumps(
            {"versions": [{"id": "v1", "status": "CURRENT", "links": [{"rel": "self", "href": base + "/"}]}]}))


def amqp(conn):
    conn.recv(8)
    props = b""
    for key, value in (("product", "RabbitMQ"), ("version", "3.10.8")):
        props += bytes([len(key)]) + key.encode() + b"S" + struct.pack(">I", len(value)) + value.encode()
    mech, locales = b"PLAIN AMQPLAIN", b"en_US"
    body = struct.pack(">HHBB", 10, 10, 0, 9) + struct.pack(">I", len(props)) + props
    body += struct.pack(">I", len(mech)) + mech + struct.pack(">I", len(locales)) + locales
    conn.sendall(struct.pack(">BHI", 1, 0, len(body)) + body + b"\xce")
    conn.recv(1)


def novnc(conn):
    conn.recv(4096)
    body = b"<html><title>noVNC</title></html>"
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                 % len(body) + body)


def silent(conn):
    conn.recv(1)


def listen(host, port, talk, names):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((host, port))
    server.listen(16)

    def loop():
        while True:
            conn, _ = server.accept()
            with conn:
                conn.settimeout(5)
                try:
                    if active(names):
                        talk(conn)
                except OSError:
                    pass

    threading.Thread(target=loop, daemon=True).start()


def main():
    host = sys.argv[1]
    os.makedirs(SERVICES, exist_ok=True)
    listen(host, 5672, amqp, ["rabbitmq-server", "rabbit"])
    listen(host, 8775, silent, ["n-api-meta"])
    listen(host, 6080, novnc, ["n-novnc", "n-novnc-cell1"])
    listen(host, 2379, silent, ["etcd3", "etcd"])
    listen(host, 6641, silent, ["ovn-northd"])
    listen(host, 6642, silent, ["ovn-northd"])
    ThreadingHTTPServer((host, 80), Apache).serve_forever()


if __name__ == "__main__":
    main()
