// Passing a file descriptor over a unix socket (SCM_RIGHTS), one per message, header-only:
// an isolator sends the container's terminal to the core this way.
#pragma once

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace mydocker {

namespace fd_passing_detail {

// One byte of data carrying one descriptor in its control message.
struct Message {
  char byte = 0;
  iovec data{&byte, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  Message() {
    msg.msg_iov = &data;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
  }
  Message(const Message&) = delete;
  Message& operator=(const Message&) = delete;
};

}  // namespace fd_passing_detail

// Sends `fd`. No allocation, so it can run between clone and exec. False with errno set.
inline bool send_fd(int socket, int fd) noexcept {
  fd_passing_detail::Message m;
  cmsghdr* c = CMSG_FIRSTHDR(&m.msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
  ssize_t n;
  while ((n = ::sendmsg(socket, &m.msg, MSG_NOSIGNAL)) < 0 && errno == EINTR) {
  }
  return n == 1;
}

// Receives a descriptor (close-on-exec). `flags` as for recvmsg, e.g. MSG_DONTWAIT. Returns
// -1 when nothing, or a message without a descriptor, came.
inline int receive_fd(int socket, int flags) noexcept {
  fd_passing_detail::Message m;
  ssize_t n;
  while ((n = ::recvmsg(socket, &m.msg, flags | MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR) {
  }
  const cmsghdr* c = n == 1 ? CMSG_FIRSTHDR(&m.msg) : nullptr;
  if (c == nullptr || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) return -1;
  int fd;
  std::memcpy(&fd, CMSG_DATA(c), sizeof fd);
  return fd;
}

}  // namespace mydocker
