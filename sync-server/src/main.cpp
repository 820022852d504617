#include "td/server/server_main.hpp"

int main(int argc, char** argv) {
    return td::server::serverMain(argc, argv);
}
