// SHA-256 against the FIPS 180-4 examples and OpenSSL's digests of other lengths.
#include "td/core/sha256.hpp"

#include <catch2/catch.hpp>
#include <openssl/sha.h>

TEST_CASE("sha256 gives the published digests") {
    CHECK(td::sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(td::sha256Hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(td::sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(td::sha256Hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 agrees with OpenSSL at every length around the block boundaries") {
    std::string data;
    for (int n = 0; n < 300; ++n) {
        unsigned char expected[SHA256_DIGEST_LENGTH];
        ::SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), expected);
        const auto got = td::sha256(data);
        INFO("length " << n);
        CHECK(std::equal(got.begin(), got.end(), expected));
        data += static_cast<char>((n * 131 + 7) & 0xff);
    }
}
