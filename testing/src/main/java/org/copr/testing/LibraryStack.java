package org.copr.testing;

/**
 * A real C library and an application built against it, as a packaging stack across coprs has them:
 * {@code libhello} (the shared library) and {@code libhello-devel} (its header, the {@code .so}
 * link, a pkg-config file and an rpm macro file, and a Requires on {@code libhello}), and {@code
 * hello-app}, which finds them through {@code pkgconfig(libhello)}, uses the macro, links, runs in
 * {@code %check} and shows what rpm's database says. AutoReq is off: an installroot on this Debian
 * host has no glibc package to satisfy the ELF requires.
 */
public final class LibraryStack {
  private LibraryStack() {}

  public static String libhello(String version) {
    return """
        %global debug_package %{nil}
        Name: libhello
        Version: VERSION
        Release: 1
        Summary: A greeting library
        License: MIT
        AutoReq: no
        BuildRequires: gcc

        %description
        A C library that greets.

        %package devel
        Summary: Header, link and pkg-config file of libhello
        Requires: libhello = %{version}-%{release}

        %description devel
        What a program needs to build against libhello.

        %build
        cat > hello.c <<'SRC'
        #include <stdio.h>
        void hello_greet(const char *who) { printf("hello, %s, from libhello VERSION\\n", who); }
        SRC
        gcc -fPIC -shared -Wl,-soname,libhello.so.1 -o libhello.so.1.0 hello.c

        %install
        mkdir -p %{buildroot}/usr/lib64/pkgconfig %{buildroot}/usr/include %{buildroot}/usr/lib/rpm/macros.d
        install -m 0755 libhello.so.1.0 %{buildroot}/usr/lib64/
        ln -s libhello.so.1.0 %{buildroot}/usr/lib64/libhello.so.1
        ln -s libhello.so.1 %{buildroot}/usr/lib64/libhello.so
        printf '#define HELLO_API 1\\nvoid hello_greet(const char *who);\\n' > %{buildroot}/usr/include/hello.h
        printf 'libdir=/usr/lib64\\nincludedir=/usr/include\\n\\nName: libhello\\nDescription: greets\\nVersion: VERSION\\nLibs: -L${libdir} -lhello\\nCflags: -I${includedir}\\n' > %{buildroot}/usr/lib64/pkgconfig/libhello.pc
        echo '%%hello_greeting hello-from-the-macro' > %{buildroot}/usr/lib/rpm/macros.d/macros.libhello

        %files
        /usr/lib64/libhello.so.1
        /usr/lib64/libhello.so.1.0

        %files devel
        /usr/include/hello.h
        /usr/lib64/libhello.so
        /usr/lib64/pkgconfig/libhello.pc
        /usr/lib/rpm/macros.d/macros.libhello
        """
        .replace("VERSION", version);
  }

  /** Prints {@code hello, hello-from-the-macro, from libhello <version>} when it runs. */
  public static String helloApp() {
    return """
        %global debug_package %{nil}
        Name: hello-app
        Version: 1.0
        Release: 1
        Summary: Greets through libhello
        License: MIT
        AutoReq: no
        BuildRequires: gcc
        BuildRequires: pkgconfig(libhello)
        Requires: libhello

        %description
        An application built against libhello from another copr.

        %build
        test "%{?hello_greeting}" = hello-from-the-macro || { echo "error: no macro" >&2; exit 1; }
        rpm -q libhello libhello-devel
        cat > app.c <<'SRC'
        #include <hello.h>
        int main(void) { hello_greet("%{hello_greeting}"); return HELLO_API - 1; }
        SRC
        gcc -o hello-app app.c $(pkg-config --cflags --libs libhello)

        %install
        install -D -m 0755 hello-app %{buildroot}/usr/bin/hello-app

        %check
        ./hello-app

        %files
        /usr/bin/hello-app
        """;
  }
}
