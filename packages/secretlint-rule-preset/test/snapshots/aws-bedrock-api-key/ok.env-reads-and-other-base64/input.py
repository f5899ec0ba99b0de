import os
api_key = os.environ["AWS_BEARER_TOKEN_BEDROCK"]
prefix = "ABSK"
blob = "ABSKjgaS5CR9VptbDNdVDEh3wNXtPjP3mtmeQmzVKfj6zLGb5qT89zY6PNsmlPEKu5jYqn4Qy0++bYcyBYf7u+H106vl7XdyjBS1ACr7dSGrx0hcc84rfRK07Z4G"
