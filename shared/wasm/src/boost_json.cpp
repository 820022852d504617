// Boost.JSON's compiled part, for the WebAssembly build (the host build links the library).
#include <boost/json/src.hpp>
