// Manage Scalekit Agent Auth custom providers (bring your own provider) as code.
package scalekit
