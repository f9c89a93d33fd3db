package dev.aegis.providers.contract;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import okhttp3.Dns;

/**
 * Network faults for the fault table, injected where OkHttp lets a host inject them: its
 * {@link Dns} and {@link SocketFactory}, and MockWebServer's {@link ServerSocketFactory}. Every
 * address stays on the loopback interface; nothing here waits in real time.
 */
final class FaultSockets {
  private FaultSockets() {}

  /** A DNS that knows no host, as a resolver without an answer reports it. */
  static Dns unresolvable() {
    return host -> {
      throw new UnknownHostException("no address for " + host);
    };
  }

  /** A loopback port nothing listens on: a connect to it is refused at once. */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Sockets that connect to {@code target} whatever address OkHttp asks for. */
  static SocketFactory redirectingTo(InetSocketAddress target) {
    return new Factory() {
      @Override
      public Socket createSocket() {
        return new Socket() {
          @Override
          public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(target, timeout);
          }
        };
      }
    };
  }

  /**
   * Sockets whose connect times out at once, as a connect to a silent host does when the connect
   * timeout ends; the timeout OkHttp passed is recorded so the case can check it was the
   * configured one.
   */
  static SocketFactory connectTimingOut(AtomicInteger timeoutSeen) {
    return new Factory() {
      @Override
      public Socket createSocket() {
        return new Socket() {
          @Override
          public void connect(SocketAddress endpoint, int timeout) throws IOException {
            timeoutSeen.set(timeout);
            throw new SocketTimeoutException("connect timed out");
          }
        };
      }
    };
  }

  /**
   * Server sockets whose accepted connections close with a TCP reset (linger 0), so a
   * {@code CloseSocket} effect reaches the client as "connection reset" rather than an orderly end.
   */
  static ServerSocketFactory resetting() {
    return new ServerSocketFactory() {
      @Override
      public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
          @Override
          public Socket accept() throws IOException {
            Socket s = super.accept();
            s.setSoLinger(true, 0);
            return s;
          }
        };
      }

      @Override
      public ServerSocket createServerSocket(int port) throws IOException {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
      }

      @Override
      public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        throw new UnsupportedOperationException("MockWebServer binds an unbound socket");
      }
    };
  }

  /** OkHttp only calls the unconnected {@link #createSocket()}; the rest are refused. */
  private abstract static class Factory extends SocketFactory {
    @Override
    public abstract Socket createSocket();

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
      throw new UnsupportedOperationException();
    }
  }
}
